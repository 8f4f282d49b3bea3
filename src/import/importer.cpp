#include "import/importer.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <future>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/id_number.hpp"
#include "core/parallel.hpp"
#include "import/field_parse.hpp"

namespace youjun::import {

namespace {

std::string db_column(const FieldSpec& f) { return f.db_column.empty() ? f.key : f.db_column; }

// Which file column feeds each field (-1 = absent). Reports missing and repeated columns.
struct HeaderMap {
  std::vector<int> column_of;  // per kind.fields index
};

HeaderMap map_header(const ImportKind& kind, const io::Table& table, RowErrors& errors) {
  HeaderMap m;
  m.column_of.assign(kind.fields.size(), -1);
  for (size_t c = 0; c < table.header.size(); ++c) {
    std::string h = table.header[c];
    for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      if (h != kind.fields[f].key && table.header[c] != kind.fields[f].zh) continue;
      if (m.column_of[f] >= 0)
        errors.push_back({table.file, 1, table.header[c], "列重复：与第" + std::to_string(m.column_of[f] + 1) + "列相同"});
      else m.column_of[f] = static_cast<int>(c);
    }
  }
  for (size_t f = 0; f < kind.fields.size(); ++f)
    if (m.column_of[f] < 0 && kind.fields[f].required)
      errors.push_back({table.file, 1, kind.fields[f].zh,
                        "缺少必填列“" + kind.fields[f].zh + "”（或英文列名 " + kind.fields[f].key + "）"});
  return m;
}

std::string header_name(const io::Table& t, const HeaderMap& m, size_t f, const FieldSpec& spec) {
  return m.column_of[f] >= 0 ? t.header[m.column_of[f]] : spec.zh;
}

Result<std::set<std::string>> existing_school_codes(store::Connection& db) {
  auto rows = db.query("SELECT code FROM schools");
  if (!rows) return rows.error();
  std::set<std::string> out;
  for (auto& r : *rows) out.insert(r.text(0));
  return out;
}

Result<std::map<std::string, std::string>> existing_districts(store::Connection& db) {
  auto rows = db.query("SELECT code, name FROM districts");
  if (!rows) return rows.error();
  std::map<std::string, std::string> out;
  for (auto& r : *rows) out[r.text(0)] = r.text(1);
  return out;
}

// Everything the validation pass needs beyond the row itself.
struct Context {
  const ImportKind& kind;
  const io::Table& table;
  const HeaderMap& map;
  const ImportOptions& options;
  std::set<std::string> school_codes;               // existing + (for schools) those in this file
  std::map<std::string, std::string> districts;     // code -> name, existing + this file
};

std::string text_of(const store::Value& v) {
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  return "";
}

// Parses and checks one row. `values` gets one Value per field.
void check_row(Context& ctx, size_t r, std::vector<store::Value>& values, RowErrors& errors) {
  const auto& kind = ctx.kind;
  long line = ctx.table.line_number(r);
  values.assign(kind.fields.size(), store::Value{});
  auto add = [&](size_t f, std::string msg) {
    errors.push_back({ctx.table.file, line, header_name(ctx.table, ctx.map, f, kind.fields[f]), std::move(msg)});
  };
  for (size_t f = 0; f < kind.fields.size(); ++f) {
    int c = ctx.map.column_of[f];
    auto cell = parse_cell(kind.fields[f], c >= 0 ? ctx.table.cell(r, c) : std::string_view());
    if (!cell.error.empty()) add(f, cell.error);
    else values[f] = std::move(cell.value);
  }
  auto idx = [&](const char* key) {
    for (size_t f = 0; f < kind.fields.size(); ++f)
      if (kind.fields[f].key == key) return static_cast<int>(f);
    return -1;
  };
  // Foreign key and scope: the school must exist; a school admin imports only their own school.
  int sc = idx("school_code");
  if (sc >= 0 && std::holds_alternative<std::string>(values[sc])) {
    const std::string& code = std::get<std::string>(values[sc]);
    if (kind.name != "schools" && !ctx.school_codes.count(code))
      add(sc, "学校代码“" + code + "”不存在，请先导入学校");
    if (!ctx.options.restrict_school.empty() && code != ctx.options.restrict_school)
      add(sc, "无权导入其他学校的数据（本账号仅限学校 " + ctx.options.restrict_school + "）");
  }
  // District code and name must agree with the database and with earlier rows.
  int dc = idx("district_code"), dn = idx("district_name");
  if (dc >= 0 && dn >= 0 && std::holds_alternative<std::string>(values[dc]) &&
      std::holds_alternative<std::string>(values[dn])) {
    auto code = std::get<std::string>(values[dc]), name = std::get<std::string>(values[dn]);
    auto it = ctx.districts.find(code);
    if (it != ctx.districts.end() && it->second != name)
      add(dn, "区县代码 " + code + " 已登记为“" + it->second + "”，与“" + name + "”不一致");
    else ctx.districts[code] = name;
  }
  // The ID number fixes birth date and gender (GB 11643); the other columns must agree.
  int id = idx("id_number");
  if (id >= 0 && std::holds_alternative<std::string>(values[id])) {
    auto info = id_number_info(std::get<std::string>(values[id]));
    int g = idx("gender"), bd = idx("birth_date"), by = idx("birth_year");
    if (g >= 0 && !std::holds_alternative<std::monostate>(values[g]) && text_of(values[g]) != std::string(1, info->gender))
      add(g, "性别与身份证号不符（身份证号第17位表示" + std::string(info->gender == 'M' ? "男" : "女") + "）");
    if (bd >= 0 && !std::holds_alternative<std::monostate>(values[bd]) && text_of(values[bd]) != info->birth_date)
      add(bd, "出生日期与身份证号不符（身份证号为 " + info->birth_date + "）");
    if (by >= 0 && !std::holds_alternative<std::monostate>(values[by]) &&
        text_of(values[by]) != info->birth_date.substr(0, 4))
      add(by, "出生年份与身份证号不符（身份证号为 " + info->birth_date.substr(0, 4) + "）");
  }
}

std::string key_of(const ImportKind& kind, const std::vector<store::Value>& values) {
  std::string key;
  for (const auto& k : kind.key)
    for (size_t f = 0; f < kind.fields.size(); ++f)
      if (kind.fields[f].key == k) key += text_of(values[f]) + '\x1f';
  return key;
}

// How rows are written. New keys go through a plain INSERT (the cheap path for a first load of a
// million students); keys already in the table through INSERT … ON CONFLICT (key) DO UPDATE … WHERE
// something changed, so an identical re-import changes nothing (not even row_version).
struct WritePlan {
  std::string insert_head, row_marks, upsert_sql, existing_keys_sql;
  std::vector<int> field_of_param;  // field index, or -1/-2/-3 for id_hash/id_enc/id_masked
  std::vector<size_t> key_params;   // positions in the parameter list that form the table's key
};

WritePlan plan_writes(const ImportKind& kind, const std::string& backend) {
  WritePlan p;
  std::vector<std::string> cols, keys, updatable;
  for (size_t f = 0; f < kind.fields.size(); ++f) {
    const auto& spec = kind.fields[f];
    if (spec.db_column == "-") continue;
    if (spec.type == FieldType::IdNumber) {
      cols.insert(cols.end(), {"id_hash", "id_enc", "id_masked"});
      p.field_of_param.insert(p.field_of_param.end(), {-1, -2, -3});
      continue;
    }
    cols.push_back(db_column(spec));
    p.field_of_param.push_back(static_cast<int>(f));
  }
  for (const auto& k : kind.key) {
    const FieldSpec* spec = find_field(kind, k);
    keys.push_back(spec->type == FieldType::IdNumber ? "id_hash" : db_column(*spec));
    p.key_params.push_back(std::find(cols.begin(), cols.end(), keys.back()) - cols.begin());
  }
  for (const auto& c : cols)
    if (c != "id_enc" && std::find(keys.begin(), keys.end(), c) == keys.end()) updatable.push_back(c);
  std::string distinct = backend == "postgresql" ? " IS DISTINCT FROM " : " IS NOT ";
  p.insert_head = "INSERT INTO " + kind.table + " (";
  for (size_t i = 0; i < cols.size(); ++i) p.insert_head += (i ? ", " : "") + cols[i];
  p.insert_head += ") VALUES ";
  p.row_marks = "(";
  for (size_t i = 0; i < cols.size(); ++i) p.row_marks += i ? ", ?" : "?";
  p.row_marks += ")";
  std::string upsert = p.insert_head + p.row_marks + " ON CONFLICT (";
  for (size_t i = 0; i < keys.size(); ++i) upsert += (i ? ", " : "") + keys[i];
  upsert += ") DO UPDATE SET ";
  for (const auto& c : updatable) upsert += c + " = excluded." + c + ", ";
  upsert += "row_version = ";
  upsert += kind.table + ".row_version + 1 WHERE ";
  for (size_t i = 0; i < updatable.size(); ++i)
    upsert += (i ? " OR " : "") + kind.table + "." + updatable[i] + distinct + "excluded." + updatable[i];
  p.upsert_sql = upsert;
  p.existing_keys_sql = "SELECT ";
  for (size_t i = 0; i < keys.size(); ++i) p.existing_keys_sql += (i ? ", " : "") + keys[i];
  p.existing_keys_sql += " FROM " + kind.table;
  return p;
}

// INSERT of `rows` rows in one statement. PostgreSQL: 64 rows per round trip. SQLite: one row per
// statement, because a multi-row statement needs a statement journal (measured: 1M rows 12 s -> 22 s).
std::string insert_rows_sql(const WritePlan& plan, size_t rows) {
  std::string sql = plan.insert_head;
  for (size_t i = 0; i < rows; ++i) sql += (i ? ", " : "") + plan.row_marks;
  return sql;
}

std::string key_text(const std::vector<store::Value>& cells, const std::vector<size_t>& positions) {
  std::string key;
  for (size_t p : positions) key += text_of(cells[p]) + '\x1f';
  return key;
}

Result<std::unordered_set<std::string>> existing_keys(store::Connection& db, const WritePlan& plan) {
  auto rows = db.query(plan.existing_keys_sql);
  if (!rows) return rows.error();
  std::unordered_set<std::string> out;
  out.reserve(rows->size());
  std::vector<size_t> all(plan.key_params.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  for (auto& r : *rows) out.insert(key_text(r.cells, all));
  return out;
}

Status write_districts(store::Connection& db, const std::map<std::string, std::string>& districts) {
  for (const auto& [code, name] : districts) {
    auto s = db.exec("INSERT INTO districts (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING", {code, name});
    if (!s) return s;
  }
  return ok_status();
}

// The stored form of one validated row: ID numbers become lookup hash, ciphertext and masked text.
void to_params(const WritePlan& plan, const PersonalDataKey& key, int id_field, std::vector<store::Value>& values,
               store::Params& params, std::string* id_hash = nullptr) {
  const std::string* id = id_field >= 0 ? &std::get<std::string>(values[id_field]) : nullptr;
  for (size_t i = 0; i < plan.field_of_param.size(); ++i) {
    int f = plan.field_of_param[i];
    if (f >= 0) params[i] = std::move(values[f]);
    else if (f == -1) params[i] = id_hash ? std::move(*id_hash) : key.lookup_hash(*id);
    else if (f == -2) params[i] = key.encrypt(*id);
    else params[i] = mask_id_number(*id);
  }
}

constexpr size_t kProgressStep = 100000;

// A wrapped message keeps the machine-readable code of the error it explains (storage, conflict…).
Error with_code(Error e, const Error& cause) {
  e.code = cause.code;
  return e;
}
constexpr size_t kWriteBatch = 8192;

// Indices of the valid rows ordered by key, ties by row; sorted on an 8-byte prefix first so the
// comparisons stay in cache for a million rows.
std::vector<uint32_t> sorted_order(const std::vector<std::string>& keys, const std::vector<char>& valid) {
  struct Item {
    uint64_t prefix;
    uint32_t row;
  };
  std::vector<Item> items;
  items.reserve(keys.size());
  for (size_t r = 0; r < keys.size(); ++r) {
    if (!valid[r]) continue;
    uint64_t p = 0;
    for (size_t i = 0; i < 8; ++i) p = (p << 8) | (i < keys[r].size() ? static_cast<unsigned char>(keys[r][i]) : 0);
    items.push_back({p, static_cast<uint32_t>(r)});
  }
  std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    int c = keys[a.row].compare(keys[b.row]);
    return c != 0 ? c < 0 : a.row < b.row;
  });
  std::vector<uint32_t> order(items.size());
  for (size_t i = 0; i < items.size(); ++i) order[i] = items[i].row;
  return order;
}

// A teacher who moved: the posting at the old school goes into teacher_postings (from its school_since to
// the year the new posting starts) before the row is overwritten, so the 9/12-year rotation rules keep
// the history. Only rows whose school changed; re-importing the same file adds nothing.
Status record_teacher_moves(store::Connection& db, const ImportKind& kind, const std::vector<std::vector<store::Value>>& rows,
                            const std::vector<std::string>& id_hash, const std::vector<char>& valid) {
  const FieldSpec* school = find_field(kind, "school_code");
  const FieldSpec* since = find_field(kind, "school_since");
  if (!school || !since) return ok_status();
  size_t school_at = school - kind.fields.data(), since_at = since - kind.fields.data();
  auto current = db.query("SELECT id_hash, school_code, school_since FROM teachers");
  if (!current) return current.error();
  std::unordered_map<std::string, std::pair<std::string, int64_t>> posted;
  for (const auto& r : *current) posted.emplace(r.text(0), std::make_pair(r.text(1), r.integer(2)));
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!valid[r]) continue;
    auto it = posted.find(id_hash[r]);
    if (it == posted.end() || it->second.first == text_of(rows[r][school_at])) continue;
    auto s = db.exec(
        "INSERT INTO teacher_postings (id_hash, school_code, from_year, to_year) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id_hash, school_code, from_year) DO NOTHING",
        {id_hash[r], it->second.first, it->second.second, rows[r][since_at]});
    if (!s) return s;
  }
  return ok_status();
}

}  // namespace

Result<ImportReport> import_table(store::Connection& db, const PersonalDataKey& key, const ImportKind& kind,
                                  const io::Table& table, const ImportOptions& options) {
  ImportReport report;
  report.kind = kind.name;
  report.rows = table.row_count();
  HeaderMap map = map_header(kind, table, report.errors);
  if (!report.errors.empty()) return report;
  if (table.row_count() == 0) {
    report.errors.push_back({table.file, 0, "", "文件没有数据行"});
    return report;
  }

  auto codes = existing_school_codes(db);
  if (!codes) return codes.error();
  auto districts = existing_districts(db);
  if (!districts) return districts.error();
  Context ctx{kind, table, map, options, std::move(*codes), std::move(*districts)};

  // Pass 1: validate every row and keep its parsed values. Rows are independent unless the kind
  // registers districts (schools), so big files are checked on every core.
  const size_t n = table.row_count();
  std::vector<std::vector<store::Value>> rows(n);
  std::vector<char> valid(n, 0);
  bool independent_rows = !find_field(kind, "district_code");
  size_t chunks = independent_rows ? worker_count(n) : 1;
  std::vector<RowErrors> chunk_errors(chunks);
  for_each_chunk(n, chunks, [&](size_t chunk, size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      if (chunk == 0 && options.progress && (r - begin) % kProgressStep == 0)
        options.progress("validate", (r - begin) * chunks, n);
      size_t before = chunk_errors[chunk].size();
      check_row(ctx, r, rows[r], chunk_errors[chunk]);
      valid[r] = chunk_errors[chunk].size() == before;
    }
  });
  for (auto& e : chunk_errors) report.errors.insert(report.errors.end(), e.begin(), e.end());

  // Each valid row's stored key: the lookup hash of the ID number (students, teachers) or the natural
  // key columns. Rows are written in key order (the key index then fills front to back) and duplicates
  // inside the file are neighbours after sorting.
  WritePlan plan = plan_writes(kind, db.backend());
  int id_field = -1;
  for (size_t f = 0; f < kind.fields.size(); ++f)
    if (kind.fields[f].type == FieldType::IdNumber) id_field = static_cast<int>(f);
  bool key_is_id = id_field >= 0 && find_field(kind, kind.key.front())->type == FieldType::IdNumber;
  if (options.progress) options.progress("keys", 0, n);
  std::vector<std::string> sort_key(n);
  for_each_chunk(n, worker_count(n), [&](size_t, size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r)
      if (valid[r]) sort_key[r] = key_is_id ? key.lookup_hash(std::get<std::string>(rows[r][id_field])) : key_of(kind, rows[r]);
  });
  std::vector<uint32_t> order = sorted_order(sort_key, valid);
  const FieldSpec* key_spec = find_field(kind, kind.key.front());
  std::string key_names;  // "学校代码 + 学年" for a key of several columns
  for (const auto& k : kind.key) key_names += (key_names.empty() ? "" : " + ") + find_field(kind, k)->zh;
  for (size_t i = 1, first = 0; i < order.size(); ++i) {
    if (sort_key[order[i]] != sort_key[order[first]]) {
      first = i;
      continue;
    }
    report.errors.push_back({table.file, table.line_number(order[i]),
                             table.header[map.column_of[key_spec - kind.fields.data()]],
                             "与第" + std::to_string(table.line_number(order[first])) + "行重复（" + key_names + "必须唯一）"});
  }
  if (!report.errors.empty()) {
    std::stable_sort(report.errors.begin(), report.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.row < b.row; });
    return report;
  }

  // Pass 2: write everything in one transaction. A helper thread prepares the next batch of rows
  // (encryption, masking) while this one inserts the current batch.
  store::ExclusiveLoad exclusive(db, options.allow_exclusive && n >= options.bulk_load_rows);
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  if (kind.name == "schools") {
    auto s = write_districts(db, ctx.districts);
    if (!s) return s.error();
  }
  if (options.progress) options.progress("existing", 0, n);
  auto existing = existing_keys(db, plan);  // inside the transaction: no writer can add keys meanwhile
  if (!existing) return existing.error();
  if (kind.name == "teachers" && !existing->empty()) {
    auto s = record_teacher_moves(db, kind, rows, sort_key, valid);
    if (!s) return s.error();
  }
  auto upsert = db.prepare(plan.upsert_sql);
  if (!upsert) return upsert.error();
  const size_t width = plan.field_of_param.size();
  const size_t rows_per_insert =
      db.backend() == "postgresql" ? std::clamp<size_t>(30000 / width, 1, 64) : 1;  // under the parameter limit
  std::map<size_t, std::unique_ptr<store::Statement>> inserts;              // by row count
  store::Params pending;
  pending.reserve(rows_per_insert * width);
  size_t pending_rows = 0, pending_first = 0;
  // Executes one INSERT of `rows` rows; `first` is the position in `order` of its first row.
  auto insert = [&](const store::Params& params, size_t rows, size_t first) -> Status {
    auto& st = inserts[rows];
    if (!st) {
      auto prepared = db.prepare(insert_rows_sql(plan, rows));
      if (!prepared) return prepared.error();
      st = std::move(*prepared);
    }
    auto s = st->execute(params);
    if (!s)
      return with_code(make_error(table.file + ":" + std::to_string(table.line_number(order[first])) +
                                  ":: 写入失败" + (rows > 1 ? "（自此行起 " + std::to_string(rows) + " 行中的一行）" : std::string()) +
                                  ": " + s.error().message),
                       s.error());
    report.inserted += rows;
    return ok_status();
  };
  auto flush = [&]() -> Status {
    if (pending_rows == 0) return ok_status();
    auto s = insert(pending, pending_rows, pending_first);
    pending.clear();
    pending_rows = 0;
    return s;
  };
  // `spent` is the batch written before: freed here, on the thread that allocated its strings, because
  // freeing them on the writing thread made both threads wait for malloc's arena lock (perf: ~20 % of
  // the write phase in malloc).
  auto prepare_batch = [&](size_t from, std::vector<store::Params> spent) {
    spent = {};
    std::vector<store::Params> batch(std::min(kWriteBatch, n - from));
    for (size_t i = 0; i < batch.size(); ++i) {
      size_t r = order[from + i];
      batch[i].resize(width);
      to_params(plan, key, id_field, rows[r], batch[i], key_is_id ? &sort_key[r] : nullptr);
      std::vector<store::Value>().swap(rows[r]);
    }
    return batch;
  };
  // A first load (or one that at least doubles the table) builds the secondary indexes once at the end.
  const bool bulk = n >= options.bulk_load_rows && n > existing->size();
  if (bulk) {
    auto s = db.begin_bulk_load(kind.table);
    if (!s) return s.error();
  }
  std::vector<store::Params> batch;
  auto next = std::async(std::launch::async, prepare_batch, size_t{0}, std::vector<store::Params>{});
  for (size_t from = 0; from < n; from += kWriteBatch) {
    if (options.progress) options.progress("write", from, n);
    std::vector<store::Params> spent = std::move(batch);
    batch = next.get();
    if (from + kWriteBatch < n)
      next = std::async(std::launch::async, prepare_batch, from + kWriteBatch, std::move(spent));
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!existing->empty() && existing->count(key_text(batch[i], plan.key_params)) > 0) {
        auto s = (*upsert)->execute(batch[i]);
        if (!s)
          return with_code(make_error(table.file + ":" + std::to_string(table.line_number(order[from + i])) +
                                      ":: 写入失败: " + s.error().message),
                           s.error());
        report.updated += static_cast<size_t>(db.changes());
        continue;
      }
      if (rows_per_insert == 1) {  // SQLite: bound straight from the batch
        auto s = insert(batch[i], 1, from + i);
        if (!s) return s.error();
        continue;
      }
      if (pending_rows == 0) pending_first = from + i;
      for (auto& v : batch[i]) pending.push_back(std::move(v));
      if (++pending_rows == rows_per_insert) {
        auto s = flush();
        if (!s) return s.error();
      }
    }
  }
  auto flushed = flush();
  if (!flushed) return flushed.error();
  if (bulk) {
    if (options.progress) options.progress("index", n, n);
    auto s = db.end_bulk_load();
    if (!s) return s.error();
  }
  if (options.before_commit) {
    auto s = options.before_commit(db, report);
    if (!s) return s.error();
  }
  if (options.progress) options.progress("commit", n, n);
  auto s = tx.commit();
  if (!s) return s.error();
  return report;
}

Result<ImportReport> import_file(store::Connection& db, const PersonalDataKey& key, const std::string& kind_name,
                                 const std::string& path, const io::ReadOptions& read, const ImportOptions& options) {
  const ImportKind* kind = find_import_kind(kind_name);
  if (!kind) return make_error("未知的导入类型: " + kind_name);
  auto table = io::read_table(path, read);
  if (!table) {
    ImportReport report;
    report.kind = kind_name;
    // The reader's message is already "FILE:LINE:: text"; split it instead of prefixing the file twice.
    std::string name = read.display_name.empty() ? path : read.display_name, msg = table.error().message;
    long line = 0;
    if (msg.rfind(name + ":", 0) == 0) {
      size_t sep = msg.find("::", name.size());
      if (sep != std::string::npos) {
        line = std::atol(msg.c_str() + name.size() + 1);
        msg = msg.substr(sep + 2);
        if (!msg.empty() && msg[0] == ' ') msg.erase(0, 1);
      }
    }
    report.errors.push_back({name, line, "", msg});
    return report;
  }
  return import_table(db, key, *kind, *table, options);
}

}  // namespace youjun::import
