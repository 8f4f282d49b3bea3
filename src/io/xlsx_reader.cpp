// .xlsx reader: minizip for the package, pugixml for the small parts (workbook, relationships,
// styles), the streaming scanner in xlsx_sheet.cpp for shared strings and the worksheet itself.
#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <pugixml.hpp>

#include "io/detail.hpp"
#include "io/xlsx_detail.hpp"

namespace youjun::io {
namespace {

constexpr uint64_t kMaxPartBytes = 2048ull << 20;  // zip-bomb guard for the parts read whole (shared strings)
constexpr const char* kConvertHint = "请在 Excel 中另存为 .xlsx 工作簿或 CSV UTF-8（逗号分隔）后重新导入";

class ZipArchive {
 public:
  enum class Read { kOk, kMissing, kCorrupt, kTooBig };

  explicit ZipArchive(const std::string& path) : zip_(unzOpen64(path.c_str())) {}
  ~ZipArchive() {
    if (zip_) unzClose(zip_);
  }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  bool is_open() const { return zip_ != nullptr; }

  // Streaming access to one entry: open(), read_some() until it returns 0, close() (checks the CRC).
  Read open(const std::string& name, uint64_t* size = nullptr) {
    if (unzLocateFile(zip_, name.c_str(), 2 /* case-insensitive */) != UNZ_OK) return Read::kMissing;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return Read::kCorrupt;
    if (size) *size = info.uncompressed_size;
    return unzOpenCurrentFile(zip_) == UNZ_OK ? Read::kOk : Read::kCorrupt;
  }
  int read_some(char* buffer, size_t size) {
    return unzReadCurrentFile(zip_, buffer, static_cast<unsigned>(std::min<size_t>(size, 1u << 30)));
  }
  Read close() { return unzCloseCurrentFile(zip_) == UNZ_OK ? Read::kOk : Read::kCorrupt; }

  // A whole (small) entry.
  Read read(const std::string& name, std::string& out) {
    out.clear();
    uint64_t declared = 0;
    if (Read opened = open(name, &declared); opened != Read::kOk) return opened;
    Read result = Read::kOk;
    out.reserve(static_cast<size_t>(std::min<uint64_t>(declared, kMaxPartBytes)));
    char block[65536];
    for (int n; (n = read_some(block, sizeof block)) != 0;) {
      if (n < 0) result = Read::kCorrupt;
      else if (out.size() + static_cast<size_t>(n) > kMaxPartBytes) result = Read::kTooBig;
      if (result != Read::kOk) break;
      out.append(block, static_cast<size_t>(n));
    }
    Read closed = close();
    return result != Read::kOk ? result : closed;
  }

 private:
  unzFile zip_;
};

std::string_view local_name(const char* name) {
  std::string_view s = name;
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}
pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children())
    if (local_name(c.name()) == name) return c;
  return {};
}
std::string_view attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes())
    if (local_name(a.name()) == name) return a.value();
  return {};
}

// "worksheets/sheet1.xml" relative to "xl/", or an absolute "/xl/worksheets/sheet1.xml"; resolves "..".
std::string resolve_part(const std::string& base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1)) : base_dir + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    std::string part = joined.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string path;
  for (const auto& p : parts) path += (path.empty() ? "" : "/") + p;
  return path;
}

struct Relationship {
  std::string target, type;
};
std::map<std::string, Relationship> read_relationships(ZipArchive& zip, const std::string& rels_path,
                                                       const std::string& base_dir) {
  std::map<std::string, Relationship> rels;
  std::string xml;
  pugi::xml_document doc;
  if (zip.read(rels_path, xml) != ZipArchive::Read::kOk || !doc.load_buffer(xml.data(), xml.size())) return rels;
  for (pugi::xml_node r : doc.document_element().children()) {
    if (local_name(r.name()) != "Relationship" || attribute(r, "TargetMode") == "External") continue;
    rels[std::string(attribute(r, "Id"))] = {resolve_part(base_dir, attribute(r, "Target")), std::string(attribute(r, "Type"))};
  }
  return rels;
}

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::vector<detail::NumberFormat> read_styles(ZipArchive& zip, const std::string& path) {
  std::vector<detail::NumberFormat> formats;
  std::string xml;
  pugi::xml_document doc;
  if (path.empty() || zip.read(path, xml) != ZipArchive::Read::kOk || !doc.load_buffer(xml.data(), xml.size()))
    return formats;
  pugi::xml_node root = doc.document_element();
  std::map<int, std::string> custom;
  for (pugi::xml_node f : child(root, "numFmts").children())
    custom[std::atoi(std::string(attribute(f, "numFmtId")).c_str())] = attribute(f, "formatCode");
  for (pugi::xml_node xf : child(root, "cellXfs").children()) {
    if (local_name(xf.name()) != "xf") continue;
    int id = std::atoi(std::string(attribute(xf, "numFmtId")).c_str());
    auto it = custom.find(id);
    formats.push_back(detail::classify_number_format(id, it == custom.end() ? std::string_view() : it->second));
  }
  return formats;
}

// Checks the first bytes so a wrong file type gets a precise message.
Status check_signature(const std::string& path, const std::string& name) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return detail::file_error(name, 0, std::string("无法打开文件：") + std::strerror(errno));
  unsigned char head[4] = {0, 0, 0, 0};
  size_t n = std::fread(head, 1, 4, f);
  std::fclose(f);
  if (n == 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
    return detail::file_error(name, 0, std::string("这是旧版 Excel 97-2003（.xls）文件或设置了打开密码的工作簿，无法读取。") + kConvertHint);
  if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4)
    return detail::file_error(name, 0, n == 0 ? std::string("文件为空") :
        std::string("不是有效的 .xlsx 工作簿（文件内容不是 Excel 格式；如果是 CSV 文本，请把扩展名改为 .csv）"));
  return ok_status();
}

// Inflates the worksheet in blocks and hands the parser whole rows, so memory stays small however
// large the sheet is.
Status read_sheet(ZipArchive& zip, const std::string& part, const detail::SharedStrings& strings,
                  const std::vector<detail::NumberFormat>& formats, bool date1904, Table& table,
                  const std::string& label) {
  const std::string& name = table.file;
  ZipArchive::Read opened = part.empty() ? ZipArchive::Read::kMissing : zip.open(part);
  if (opened == ZipArchive::Read::kMissing) return detail::file_error(name, 0, "文件已损坏：找不到" + label + "的数据");
  if (opened != ZipArchive::Read::kOk) return detail::file_error(name, 0, "文件已损坏：无法解压" + label + "的数据");
  constexpr size_t kBlock = 4u << 20;
  constexpr uint64_t kMaxSheetBytes = 16ull << 30;  // zip-bomb guard
  detail::SheetParser parser(strings, formats, date1904, table);
  std::string buffer;
  uint64_t total = 0;
  for (;;) {
    size_t kept = buffer.size();
    buffer.resize(kept + kBlock);
    int n = zip.read_some(buffer.data() + kept, kBlock);
    if (n < 0) {
      zip.close();
      return detail::file_error(name, 0, "文件已损坏：无法解压" + label + "的数据");
    }
    buffer.resize(kept + static_cast<size_t>(n));
    total += static_cast<uint64_t>(n);
    if (total > kMaxSheetBytes) {
      zip.close();
      return detail::file_error(name, 0, label + "解压后超过 16 GB，过大无法读取；请拆分文件后导入");
    }
    size_t cut = n == 0 ? buffer.size() : detail::row_boundary(buffer);
    if (cut > 0) {
      if (auto fed = parser.feed(std::string_view(buffer).substr(0, cut)); !fed) {
        zip.close();
        return fed;
      }
      buffer.erase(0, cut);
    }
    if (n == 0) break;
  }
  parser.finish();
  if (zip.close() != ZipArchive::Read::kOk) return detail::file_error(name, 0, "文件已损坏：" + label + "的数据校验失败");
  return ok_status();
}

}  // namespace

Result<Table> read_xlsx(const std::string& path, const ReadOptions& options) {
  const std::string& name = options.display_name.empty() ? path : options.display_name;
  if (auto checked = check_signature(path, name); !checked) return checked.error();
  ZipArchive zip(path);
  if (!zip.is_open()) return detail::file_error(name, 0, std::string("文件已损坏，无法作为 .xlsx 工作簿打开。") + kConvertHint);

  std::string workbook_path = "xl/workbook.xml";
  for (const auto& [id, rel] : read_relationships(zip, "_rels/.rels", ""))
    if (ends_with(rel.type, "/officeDocument")) workbook_path = rel.target;
  size_t slash = workbook_path.rfind('/');
  std::string base_dir = slash == std::string::npos ? "" : workbook_path.substr(0, slash + 1);
  std::string file_part = workbook_path.substr(slash == std::string::npos ? 0 : slash + 1);

  std::string xml;
  pugi::xml_document workbook;
  if (zip.read(workbook_path, xml) != ZipArchive::Read::kOk || !workbook.load_buffer(xml.data(), xml.size()))
    return detail::file_error(name, 0, "不是有效的 .xlsx 工作簿：缺少或无法解析 " + workbook_path);
  auto rels = read_relationships(zip, base_dir + "_rels/" + file_part + ".rels", base_dir);
  pugi::xml_node wb = workbook.document_element();
  std::string_view date1904_attr = attribute(child(wb, "workbookPr"), "date1904");
  bool date1904 = date1904_attr == "1" || date1904_attr == "true";

  // Pick the sheet: by name (exact, then ignoring ASCII case), else the first visible worksheet.
  struct Sheet {
    std::string name, part;
    bool visible;
  };
  std::vector<Sheet> sheets;
  for (pugi::xml_node s : child(wb, "sheets").children()) {
    if (local_name(s.name()) != "sheet") continue;
    auto rel = rels.find(std::string(attribute(s, "id")));
    std::string part = rel == rels.end() ? "" : rel->second.target;
    if (rel != rels.end() && !ends_with(rel->second.type, "/worksheet")) continue;  // chart sheets, dialog sheets
    sheets.push_back({std::string(attribute(s, "name")), part, attribute(s, "state").empty() || attribute(s, "state") == "visible"});
  }
  if (sheets.empty()) return detail::file_error(name, 0, "工作簿中没有工作表");
  const Sheet* sheet = nullptr;
  if (!options.sheet.empty()) {
    auto lower = [](std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    for (const Sheet& s : sheets)
      if (s.name == options.sheet) sheet = &s;
    for (const Sheet& s : sheets)
      if (!sheet && lower(s.name) == lower(options.sheet)) sheet = &s;
    if (!sheet) {
      std::string names;
      for (const Sheet& s : sheets) names += (names.empty() ? "「" : "、「") + s.name + "」";
      return detail::file_error(name, 0, "找不到名为「" + options.sheet + "」的工作表；工作簿中的工作表有：" + names);
    }
  } else {
    auto visible = std::find_if(sheets.begin(), sheets.end(), [](const Sheet& s) { return s.visible; });
    sheet = visible != sheets.end() ? &*visible : &sheets.front();
  }

  std::string strings_path, styles_path = base_dir + "styles.xml";
  bool strings_listed = false;
  for (const auto& [id, rel] : rels) {
    if (ends_with(rel.type, "/sharedStrings")) strings_path = rel.target, strings_listed = true;
    if (ends_with(rel.type, "/styles")) styles_path = rel.target;
  }
  if (!strings_listed) strings_path = base_dir + "sharedStrings.xml";
  detail::SharedStrings strings;
  auto read_strings = zip.read(strings_path, xml);
  if (read_strings == ZipArchive::Read::kTooBig) return detail::file_error(name, 0, "共享字符串表解压后过大，无法读取；请拆分文件后导入");
  if (read_strings == ZipArchive::Read::kCorrupt) return detail::file_error(name, 0, "文件已损坏：无法解压共享字符串表");
  if (read_strings == ZipArchive::Read::kOk) strings = detail::parse_shared_strings(xml);
  std::string().swap(xml);  // the strings now own their text
  std::vector<detail::NumberFormat> formats = read_styles(zip, styles_path);

  std::string sheet_label = "工作表「" + sheet->name + "」";
  Table table;
  table.file = name;
  table.encoding = "xlsx";
  if (auto read = read_sheet(zip, sheet->part, strings, formats, date1904, table, sheet_label); !read) return read.error();
  if (table.header.empty()) return detail::file_error(name, 0, sheet_label + "是空的：没有表头行，也没有数据");
  return table;
}

}  // namespace youjun::io
