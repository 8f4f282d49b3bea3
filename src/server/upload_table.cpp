#include "server/upload_table.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace youjun::server {

namespace {

// File name for messages: the last path component, printable, at most 100 bytes.
std::string clean_filename(const std::string& name) {
  std::string base = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string out;
  for (char ch : base)
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F) out += ch;
  if (out.size() > 100) out.resize(100);
  return out.empty() || out == "." || out == ".." ? "upload.csv" : out;
}

std::string lower_extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

// io's "FILE:LINE:: message" back into a row error.
RowError read_error(const std::string& file, const std::string& text) {
  RowError e{file, 0, "", text};
  if (text.rfind(file + ":", 0) == 0) {
    size_t sep = text.find(":: ", file.size() + 1);
    if (sep != std::string::npos) {
      std::string line = text.substr(file.size() + 1, sep - file.size() - 1);
      if (!line.empty() && line.size() < 10 && std::all_of(line.begin(), line.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) e.row = std::stol(line);
      e.message = text.substr(sep + 3);
    }
  }
  return e;
}

// CSV is parsed in memory; XLSX (and anything else, for its error message) goes through a private temp file.
Result<io::Table> read_upload(const UploadedPart& part, const std::string& name, const std::string& sheet) {
  bool zip = part.content.compare(0, 4, "PK\x03\x04", 4) == 0;
  std::string ext = lower_extension(name);
  if (!zip && (ext == ".csv" || ext == ".txt" || ext.empty())) return io::parse_csv(part.content, name);
  std::string dir_template = (std::filesystem::temp_directory_path() / "youjun-upload-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) return make_error(name + ":0:: 无法创建临时目录");
  std::filesystem::path dir(dir_template);
  std::filesystem::path file = dir / ("upload" + (zip ? std::string(".xlsx") : ext));
  Result<io::Table> table = make_error(name + ":0:: 无法写入临时文件");
  {
    std::ofstream out(file, std::ios::binary);
    out.write(part.content.data(), static_cast<std::streamsize>(part.content.size()));
    if (out.good()) {
      out.close();
      table = io::read_table(file.string(), io::ReadOptions{sheet, name});
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return table;
}

}  // namespace

std::optional<io::Table> uploaded_table(const ApiRequest& req, const std::string& field, const std::string& sheet_field,
                                        ApiResponse& error) {
  auto file = req.parts.find(field);
  if (file == req.parts.end() || file->second.content.empty()) {
    error = error_response(400, "请以 multipart/form-data 上传文件（字段名 " + field + "）");
    return std::nullopt;
  }
  std::string name = clean_filename(file->second.filename);
  auto sheet = sheet_field.empty() ? req.parts.end() : req.parts.find(sheet_field);
  auto table = read_upload(file->second, name, sheet == req.parts.end() ? "" : sheet->second.content);
  if (!table) {
    error = rejected_import("文件无法读取，未写入任何数据", {read_error(name, table.error().message)});
    return std::nullopt;
  }
  return std::move(*table);
}

ApiResponse stored_file_response(const std::vector<StoredFile>& files, const std::string& name,
                                 const std::function<Result<std::optional<std::string>>(const std::string&)>& fetch,
                                 const std::string& missing) {
  std::string names;
  for (const auto& f : files) {
    names += (names.empty() ? "" : "、") + std::string(f.name);
    if (name != f.name) continue;
    auto text = fetch(f.key);
    if (!text) return database_error("stored file", text.error());
    if (!*text) return error_response(404, missing + " 没有 " + name + "（不存在或尚未计算）");
    ApiResponse r;
    r.status = 200;
    r.content_type = f.content_type;
    r.body = std::move(**text);
    return r;
  }
  return error_response(404, "没有文件 " + name + "（可下载 " + names + "）");
}

}  // namespace youjun::server
