#pragma once
// An uploaded file (multipart/form-data field) read as a table: CSV in memory, XLSX through a private
// temp file. Used by the import route and the 派位 registration.
#include <optional>
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

}  // namespace youjun::server
