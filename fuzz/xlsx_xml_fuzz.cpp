// libFuzzer target for the streaming XML side of the .xlsx reader: shared strings and worksheet XML
// (fed in pieces split at row ends, as read_xlsx does). Build and run: see fuzz/README.md.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/xlsx_detail.hpp"

using namespace youjun::io;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  detail::SharedStrings strings = detail::parse_shared_strings(xml);
  for (size_t i = 0; i < strings.size(); ++i)
    if (strings.get(i).size() > strings.text.size()) std::abort();

  std::vector<detail::NumberFormat> formats = {detail::classify_number_format(0, ""), detail::classify_number_format(14, ""),
                                               detail::classify_number_format(164, xml.substr(0, 40)),
                                               detail::NumberFormat{detail::NumberFormat::kPlain, 6}};
  Table table;
  table.file = "fuzz.xlsx";
  {
    detail::SheetParser parser(strings, formats, size % 2 == 1, table);
    std::string_view rest = xml;
    bool ok = true;
    while (ok && !rest.empty()) {
      size_t cut = detail::row_boundary(rest.substr(0, 64));
      if (cut == 0) cut = rest.size();
      ok = static_cast<bool>(parser.feed(rest.substr(0, cut)));
      rest.remove_prefix(cut);
    }
    if (ok) parser.finish();
    if (!ok) return 0;
  }
  size_t checksum = 0;
  for (size_t r = 0; r < table.row_count(); ++r)
    for (size_t c = 0; c < table.cells_in_row(r); ++c)
      for (char ch : table.cell(r, c)) checksum += static_cast<unsigned char>(ch);
  return static_cast<int>(checksum & 0);
}
