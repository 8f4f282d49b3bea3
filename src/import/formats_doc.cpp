#include "import/formats_doc.hpp"

#include <cstdio>

#include "import/kinds.hpp"

namespace youjun::import {

namespace {

std::string type_text(const FieldSpec& f) {
  auto num = [](double v) {
    char b[32];
    snprintf(b, sizeof b, "%g", v);
    return std::string(b);
  };
  switch (f.type) {
    case FieldType::Text: return "文本";
    case FieldType::Integer: return "整数 " + num(f.min) + "–" + num(f.max);
    case FieldType::Decimal: return "数值 " + num(f.min) + "–" + num(f.max);
    case FieldType::Money: return "金额（元，≤2位小数）";
    case FieldType::Date: return "日期 yyyy-mm-dd";
    case FieldType::Bool: return "是/否";
    case FieldType::IdNumber: return "身份证号（GB 11643 校验，加密存储，仅显示脱敏形式）";
    case FieldType::SchoolYear: return "学年 2025-2026";
    case FieldType::Enum: {
      std::string s;
      for (const auto& c : f.choices) s += (s.empty() ? "" : "、") + c.label + " `" + c.value + "`";
      return s;
    }
  }
  return "";
}

}  // namespace

std::string import_formats_markdown() {
  std::string md =
      "# 导入文件格式 Import file formats\n\n"
      "由 `youjun import-formats` 从 `src/import/kinds.cpp` 生成的简表；详细说明（编码、表头、每种取值的写法与报错）"
      "见 docs/import-formats.md。\n\n"
      "- 文件：CSV（UTF-8，可带 BOM；或 GBK/GB18030，自动识别）或 XLSX（默认第一个工作表，`--sheet` 指定）。\n"
      "- 表头：中文列名或英文列名均可，列的顺序不限，多余的列忽略。\n"
      "- 校验：先检查全部行（类型、范围、必填、取值、学校是否存在、文件内重复、身份证号校验位及其与性别/出生日期"
      "是否一致），有任何错误则逐条报告（`文件:行:列: 说明`）且不写入任何数据；全部正确则在一个事务中写入。\n"
      "- 重复导入同一文件不会产生变化（按自然键更新）。\n\n";
  for (const auto& k : import_kinds()) {
    md += "## " + k.zh + " `" + k.name + "`\n\n唯一键：";
    for (size_t i = 0; i < k.key.size(); ++i) md += (i ? " + " : "") + std::string("`") + k.key[i] + "`";
    md += "\n\n| 中文列名 | English header | 必填 | 类型与取值 |\n|---|---|---|---|\n";
    for (const auto& f : k.fields)
      md += "| " + f.zh + " | `" + f.key + "` | " + (f.required ? "是" : "否") + " | " + type_text(f) +
            (f.references.empty() ? "" : "；须为已导入的学校") + " |\n";
    md += "\n";
  }
  return md;
}

}  // namespace youjun::import
