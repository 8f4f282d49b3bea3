#include "enroll/addresses.hpp"

#include <cstdio>
#include <mutex>

namespace youjun::enroll {

std::string addresses_csv(const AddressPoints& points) {
  std::string out = "address_id,address,lon,lat\n";
  for (size_t i = 0; i < points.ids.size(); ++i) {
    char coords[64];
    std::snprintf(coords, sizeof coords, ",%.6f,%.6f\n", points.wgs84[i].lon, points.wgs84[i].lat);
    const std::string& label = points.labels[i];
    // An address may hold a comma or a quote: written as a CSV field.
    bool quote = label.find_first_of(",\"\n") != std::string::npos;
    std::string field = label;
    if (quote) {
      field = "\"";
      for (char c : label) field += c == '"' ? std::string("\"\"") : std::string(1, c);
      field += "\"";
    }
    out += points.ids[i] + "," + field + coords;
  }
  return out;
}

CheckedUpload check_addresses_upload(const io::Table& table, geo::Crs crs) {
  CheckedUpload up;
  AddressPoints points;
  up.errors = read_points(table, crs, points, "address_id", "address");
  if (up.errors.empty() && table.row_count() == 0) up.errors.push_back({table.file, 0, "", "文件没有数据行"});
  up.content = addresses_csv(points);
  up.item_count = static_cast<int64_t>(points.ids.size());
  return up;
}

std::string search_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // U+FF01–U+FF5E (EF BC 81 – EF BD 9E) are the full-width forms of ASCII 0x21–0x7E; U+3000 is the wide space.
    if (c == 0xEF && i + 2 < text.size()) {
      unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      int code = ((b1 & 0x3F) << 6) | (b2 & 0x3F);  // low 12 bits of U+Fxxx
      int cp = 0xF000 | code;
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        char ascii = static_cast<char>(cp - 0xFF01 + 0x21);
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(ascii)));
        i += 3;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
      i += 3;  // U+3000
      continue;
    }
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    out += c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
    ++i;
  }
  return out;
}

AddressBook::AddressBook(AddressPoints points) : points_(std::move(points)) {
  keys_.reserve(points_.labels.size());
  for (const auto& label : points_.labels) keys_.push_back(search_key(label));
}

std::vector<size_t> AddressBook::search(std::string_view query, size_t limit) const {
  std::vector<std::string> words;
  size_t start = 0;
  std::string q(query);
  for (size_t at = 0; at <= q.size(); ++at) {
    if (at == q.size() || q[at] == ' ') {
      std::string w = search_key(q.substr(start, at - start));
      if (!w.empty()) words.push_back(w);
      start = at + 1;
    }
  }
  std::vector<size_t> out;
  if (words.empty()) return out;
  for (size_t i = 0; i < keys_.size() && out.size() < limit; ++i) {
    bool all = true;
    for (const auto& w : words)
      if (keys_[i].find(w) == std::string::npos) {
        all = false;
        break;
      }
    if (all) out.push_back(i);
  }
  return out;
}

Result<std::shared_ptr<const AddressBook>> current_address_book(store::Connection& db) {
  static std::mutex mutex;
  static std::string cached_sha;
  static std::shared_ptr<const AddressBook> cached;
  auto version = db.query("SELECT sha256 FROM enroll_datasets WHERE kind = 'addresses' ORDER BY version DESC LIMIT 1");
  if (!version) return version.error();
  if (version->empty()) return std::shared_ptr<const AddressBook>{};
  const std::string sha = (*version)[0].text(0);
  {
    std::lock_guard lock(mutex);
    if (cached && cached_sha == sha) return cached;
  }
  auto d = current_dataset(db, "addresses");
  if (!d) return d.error();
  if (!*d) return std::shared_ptr<const AddressBook>{};
  auto table = io::parse_csv((*d)->content, (*d)->file_name);
  if (!table) return table.error();
  AddressPoints points;
  RowErrors errors = read_points(*table, geo::Crs::Wgs84, points, "address_id", "address");
  if (!errors.empty()) return make_error("已存地址库无法读取：" + errors[0].to_string());
  auto book = std::make_shared<const AddressBook>(std::move(points));
  std::lock_guard lock(mutex);
  cached_sha = (*d)->sha256;
  cached = book;
  return book;
}

}  // namespace youjun::enroll
