#include "import/importer.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "core/id_number.hpp"
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

// INSERT … ON CONFLICT (key) DO UPDATE … WHERE something changed, so an identical re-import
// changes nothing (not even row_version).
struct UpsertPlan {
  std::string sql;
  std::vector<int> field_of_param;  // field index, or -1/-2/-3 for id_hash/id_enc/id_masked
};

UpsertPlan plan_upsert(const ImportKind& kind, const std::string& backend) {
  UpsertPlan p;
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
  }
  for (const auto& c : cols)
    if (c != "id_enc" && std::find(keys.begin(), keys.end(), c) == keys.end()) updatable.push_back(c);
  std::string distinct = backend == "postgresql" ? " IS DISTINCT FROM " : " IS NOT ";
  std::string sql = "INSERT INTO " + kind.table + " (";
  for (size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + cols[i];
  sql += ") VALUES (";
  for (size_t i = 0; i < cols.size(); ++i) sql += i ? ", ?" : "?";
  sql += ") ON CONFLICT (";
  for (size_t i = 0; i < keys.size(); ++i) sql += (i ? ", " : "") + keys[i];
  sql += ") DO UPDATE SET ";
  for (const auto& c : updatable) sql += c + " = excluded." + c + ", ";
  sql += "row_version = " + kind.table + ".row_version + 1 WHERE ";
  for (size_t i = 0; i < updatable.size(); ++i)
    sql += (i ? " OR " : "") + kind.table + "." + updatable[i] + distinct + "excluded." + updatable[i];
  p.sql = sql;
  return p;
}

Result<int64_t> count_rows(store::Connection& db, const std::string& table) {
  auto rows = db.query("SELECT COUNT(*) FROM " + table);
  if (!rows) return rows.error();
  return (*rows)[0].integer(0);
}

Status write_districts(store::Connection& db, const std::map<std::string, std::string>& districts) {
  for (const auto& [code, name] : districts) {
    auto s = db.exec("INSERT INTO districts (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING", {code, name});
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

  // Pass 1: validate every row; remember natural keys to catch duplicates inside the file.
  std::unordered_map<std::string, long> first_line_of_key;
  std::vector<store::Value> values;
  for (size_t r = 0; r < table.row_count(); ++r) {
    size_t before = report.errors.size();
    check_row(ctx, r, values, report.errors);
    if (report.errors.size() != before) continue;
    auto [it, fresh] = first_line_of_key.emplace(key_of(kind, values), table.line_number(r));
    if (!fresh) {
      const FieldSpec* k = find_field(kind, kind.key.front());
      int col = map.column_of[k - kind.fields.data()];
      report.errors.push_back({table.file, table.line_number(r), table.header[col],
                               "与第" + std::to_string(it->second) + "行重复（" + k->zh + "必须唯一）"});
    }
  }
  if (!report.errors.empty()) return report;

  // Pass 2: write everything in one transaction.
  auto before = count_rows(db, kind.table);
  if (!before) return before.error();
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  if (kind.name == "schools") {
    auto s = write_districts(db, ctx.districts);
    if (!s) return s.error();
  }
  UpsertPlan plan = plan_upsert(kind, db.backend());
  auto stmt = db.prepare(plan.sql);
  if (!stmt) return stmt.error();
  int64_t changed = 0;
  store::Params params(plan.field_of_param.size());
  int id_field = -1;
  for (size_t f = 0; f < kind.fields.size(); ++f)
    if (kind.fields[f].type == FieldType::IdNumber) id_field = static_cast<int>(f);
  for (size_t r = 0; r < table.row_count(); ++r) {
    check_row(ctx, r, values, report.errors);  // cheap re-parse instead of holding every row in memory
    std::string id = id_field >= 0 ? std::get<std::string>(values[id_field]) : "";
    for (size_t i = 0; i < plan.field_of_param.size(); ++i) {
      int f = plan.field_of_param[i];
      if (f >= 0) params[i] = std::move(values[f]);
      else if (f == -1) params[i] = key.lookup_hash(id);
      else if (f == -2) params[i] = key.encrypt(id);
      else params[i] = mask_id_number(id);
    }
    auto s = (*stmt)->execute(params);
    if (!s) return make_error(table.file + ":" + std::to_string(table.line_number(r)) + ":: 写入失败: " + s.error().message);
    changed += db.changes();
  }
  auto after = count_rows(db, kind.table);
  if (!after) return after.error();
  auto s = tx.commit();
  if (!s) return s.error();
  report.inserted = static_cast<size_t>(*after - *before);
  report.updated = static_cast<size_t>(changed) - report.inserted;
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
