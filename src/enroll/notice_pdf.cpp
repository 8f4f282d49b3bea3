#include "enroll/notice_pdf.hpp"

#include <hpdf.h>

#include <algorithm>
#include <memory>
#include <type_traits>
#include <vector>

#include "io/detail.hpp"

namespace youjun::enroll {

namespace {

constexpr float kPageWidth = 595.0f, kPageHeight = 842.0f;  // A4 in points
constexpr float kLeft = 72.0f, kRight = kPageWidth - 72.0f;

struct HpdfError {
  HPDF_STATUS status = HPDF_OK, detail = 0;
};
void on_error(HPDF_STATUS status, HPDF_STATUS detail, void* data) {
  auto* e = static_cast<HpdfError*>(data);
  if (e->status == HPDF_OK) e->status = status, e->detail = detail;
}

// Text for the GBK-EUC-H fonts; a character GBK lacks becomes "?" (transliteration).
std::string gbk(const std::string& utf8) {
  auto out = io::detail::convert_encoding(utf8, "UTF-8", "GBK//TRANSLIT", nullptr);
  return out ? *out : std::string("?");
}

size_t utf8_length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

class Writer {
 public:
  Writer(HPDF_Doc doc, HPDF_Page page) : page_(page) {
    song_ = HPDF_GetFont(doc, "SimSun", "GBK-EUC-H");
    hei_ = HPDF_GetFont(doc, "SimHei", "GBK-EUC-H");
  }
  float width(bool bold, float size, const std::string& utf8) {
    HPDF_Page_SetFontAndSize(page_, bold ? hei_ : song_, size);
    return HPDF_Page_TextWidth(page_, gbk(utf8).c_str());
  }
  void text(bool bold, float size, float x, float y, const std::string& utf8) {
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, bold ? hei_ : song_, size);
    HPDF_Page_TextOut(page_, x, y, gbk(utf8).c_str());
    HPDF_Page_EndText(page_);
  }
  void centered(bool bold, float size, float y, const std::string& utf8) {
    text(bold, size, (kPageWidth - width(bold, size, utf8)) / 2, y, utf8);
  }
  void right(bool bold, float size, float y, const std::string& utf8) { text(bold, size, kRight - width(bold, size, utf8), y, utf8); }
  // Lines of at most `max_width`, broken between characters (Chinese text has no spaces to break at).
  std::vector<std::string> wrap(float size, const std::string& utf8, float max_width, float first_indent) {
    std::vector<std::string> lines(1);
    float limit = max_width - first_indent;
    for (size_t i = 0; i < utf8.size();) {
      size_t n = std::min(utf8_length(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
      std::string candidate = lines.back() + utf8.substr(i, n);
      // Closing punctuation never starts a line: it overhangs the margin instead (禁则).
      std::string ch = utf8.substr(i, n);
      bool closing = ch == "。" || ch == "，" || ch == "、" || ch == "；" || ch == "：" || ch == "）" || ch == "！" || ch == "？";
      if (!lines.back().empty() && !closing && width(false, size, candidate) > limit) {
        lines.push_back(utf8.substr(i, n));
        limit = max_width;
      } else {
        lines.back() = candidate;
      }
      i += n;
    }
    return lines;
  }
  // A paragraph with a two-character first-line indent; returns the y below it.
  float paragraph(float size, float y, float leading, const std::string& utf8) {
    float indent = 2 * size;
    auto lines = wrap(size, utf8, kRight - kLeft, indent);
    for (size_t i = 0; i < lines.size(); ++i, y -= leading) text(false, size, kLeft + (i == 0 ? indent : 0), y, lines[i]);
    return y;
  }
  void color(float r, float g, float b) {
    HPDF_Page_SetRGBFill(page_, r, g, b);
    HPDF_Page_SetRGBStroke(page_, r, g, b);
  }
  void box(float x, float y, float w, float h, float line_width) {
    HPDF_Page_SetLineWidth(page_, line_width);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Stroke(page_);
  }
  void rule(float x1, float x2, float y) {
    HPDF_Page_SetLineWidth(page_, 0.5f);
    HPDF_Page_MoveTo(page_, x1, y);
    HPDF_Page_LineTo(page_, x2, y);
    HPDF_Page_Stroke(page_);
  }

 private:
  HPDF_Page page_;
  HPDF_Font song_, hei_;
};

void draw(Writer& w, const NoticeDocument& d) {
  const std::string year = std::to_string(d.year);
  const std::string grade = d.grade.empty() ? "" : d.grade;
  // Frame and title in the dark red of printed notices.
  w.color(0.62f, 0.08f, 0.08f);
  w.box(36, 36, kPageWidth - 72, kPageHeight - 72, 2.0f);
  w.box(42, 42, kPageWidth - 84, kPageHeight - 84, 0.6f);
  w.centered(true, 30, 736, "义务教育入学通知书");
  w.color(0.1f, 0.1f, 0.1f);
  w.right(false, 11, 704, "通知书编号：" + d.application_id);

  w.text(false, 15, kLeft, 664, d.child_name + " 同学家长：");
  const std::string way = d.match ? "多校划片志愿匹配" : "电脑派位";
  std::string how = d.fallback
                        ? "经网上报名、材料审核和" + way + "（派位 " + d.run_id + "），" + d.child_name +
                              "未派入所报的民办学校，按公民同招规定安排到" + d.school_name + "，录取为"
                        : "经网上报名、材料审核和" + way + "（派位 " + d.run_id + "），" + d.child_name + "被" + d.school_name +
                              "录取为";
  float y = w.paragraph(14, 630, 25, how + " " + year + " 年秋季入学" + grade + "新生。");
  const std::string when = d.report_time.empty() ? "按学校通知的时间" : "于 " + d.report_time + " ";
  y = w.paragraph(14, y - 4, 25, "请持本通知书和报名时提交的材料原件，" + when + "到校报到。报到时学校将核验下方的查验码。");
  if (!d.report_note.empty()) y = w.paragraph(14, y - 4, 25, "报到须知：" + d.report_note);

  // The particulars, one per line.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"儿童姓名", d.child_name},
      {"身份证号", d.child_id_masked},
      {"录取学校", d.school_name + "（学校代码 " + d.school_id + "）"},
      {"入学年份", year + " 年秋季" + grade},
      {"录取方式", d.fallback ? "公民同招兜底安排" : d.match ? "多校划片志愿匹配录取" : "电脑派位录取"},
      {"派位编号", d.run_id},
      {"派位号", d.lottery_number.empty() ? "—" : d.lottery_number},
  };
  y -= 14;
  w.rule(kLeft, kRight, y + 18);
  for (const auto& [label, value] : rows) {
    w.text(true, 12, kLeft + 8, y, label);
    w.text(false, 12, kLeft + 90, y, value);
    y -= 24;
  }
  w.rule(kLeft, kRight, y + 12);

  // The verification code, boxed.
  y -= 80;
  w.color(0.62f, 0.08f, 0.08f);
  w.box(kLeft, y, kRight - kLeft, 72, 1.0f);
  w.text(true, 13, kLeft + 16, y + 44, "查验码");
  w.text(true, 26, kLeft + 90, y + 38, d.code);
  w.color(0.25f, 0.25f, 0.25f);
  auto hint = w.wrap(10, d.verify_hint, kRight - kLeft - 32, 0);
  float hy = y + 20;
  for (const auto& line : hint) w.text(false, 10, kLeft + 16, hy, line), hy -= 13;

  w.color(0.1f, 0.1f, 0.1f);
  w.right(true, 16, 150, d.issuer);
  w.right(false, 12, 126, d.issued_date);
  w.color(0.45f, 0.45f, 0.45f);
  w.centered(false, 9, 64, "本通知书由优均 youjun 系统签发。查验码与报名编号一一对应，复印、改写无效，以查验结果为准。");
}

}  // namespace

Result<std::string> notice_pdf(const NoticeDocument& doc) {
  HpdfError error;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> pdf(HPDF_New(on_error, &error), HPDF_Free);
  if (!pdf) return make_error("无法创建 PDF 文档");
  HPDF_UseCNSFonts(pdf.get());
  HPDF_UseCNSEncodings(pdf.get());
  HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
  HPDF_Page page = HPDF_AddPage(pdf.get());
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  Writer writer(pdf.get(), page);
  draw(writer, doc);
  if (HPDF_SaveToStream(pdf.get()) != HPDF_OK || error.status != HPDF_OK)
    return make_error("生成 PDF 失败（libharu 错误 " + std::to_string(error.status) + "/" + std::to_string(error.detail) + "）");
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf.get());
  std::string out(size, '\0');
  HPDF_UINT32 read = size;
  HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &read);
  out.resize(read);
  return out;
}

}  // namespace youjun::enroll
