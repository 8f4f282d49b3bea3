#include "balance/creation_files.hpp"

#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "core/personal_data.hpp"

namespace youjun::balance {

Result<std::optional<CreationFile>> current_creation_file(store::Connection& db) {
  auto rows = db.query("SELECT version, item_count, file_name, content, sha256, uploaded_by, uploaded_at "
                       "FROM balance_creation_files ORDER BY version DESC LIMIT 1");
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<CreationFile>{};
  const auto& r = (*rows)[0];
  return std::optional<CreationFile>{CreationFile{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)}};
}

Result<CreationFile> store_creation_file(store::Connection& db, const std::string& file_name, const std::string& content,
                                         int64_t item_count, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto current = current_creation_file(db);
  if (!current) return current.error();
  const std::string sha = sha256_hex(content);
  if (*current && (*current)->sha256 == sha) return **current;
  CreationFile f{(*current ? (*current)->version : 0) + 1, item_count, file_name, content, sha, actor, auth::iso8601_utc(now)};
  auto s = db.exec("INSERT INTO balance_creation_files (version, file_name, content, sha256, item_count, uploaded_by, uploaded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {f.version, f.file_name, f.content, f.sha256, f.item_count, f.uploaded_by, f.uploaded_at});
  if (!s) return s.error();
  nlohmann::json detail = {{"version", f.version}, {"file", f.file_name}, {"sha256", f.sha256}, {"items", f.item_count}};
  if (auto a = auth::append_audit(db, {actor, "balance.creations.upload", "creations", detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  return f;
}

}  // namespace youjun::balance
