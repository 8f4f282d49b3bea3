#pragma once
// An uploaded file (multipart/form-data field) read as a table: CSV in memory, XLSX through a private
// temp file. Used by the import route and the 派位 registration.
#include <functional>
#include <optional>
#include <vector>
#include <string>

#include "io/table.hpp"
#include "server/api.hpp"

namespace youjun::server {

// The file of multipart field `field` (sheet name from field `sheet_field`, may be ""). On failure
// `error` is the answer: 400 when the field is missing or empty, 422 with the reader's row error.
std::optional<io::Table> uploaded_table(const ApiRequest& req, const std::string& field, const std::string& sheet_field,
                                        ApiResponse& error);

// The text of multipart field `name` ("" when absent).
inline std::string part_text(const ApiRequest& req, const std::string& name) {
  auto it = req.parts.find(name);
  return it == req.parts.end() ? "" : it->second.content;
}

// A download of one stored text of a record (run, round): `files` maps each download name to the stored
// text's key and its content type; `fetch(key)` reads it (nullopt: the record or text does not exist).
struct StoredFile {
  const char* name;
  const char* key;
  const char* content_type;
};
ApiResponse stored_file_response(const std::vector<StoredFile>& files, const std::string& name,
                                 const std::function<Result<std::optional<std::string>>(const std::string&)>& fetch,
                                 const std::string& missing);

}  // namespace youjun::server
