#pragma once
// A forward-only scanner for the machine-written XML inside .xlsx files (worksheets and shared
// strings can be hundreds of MB, too big for a DOM). Not a validating parser: it finds element tags,
// their attributes and decoded text, and skips declarations, comments and DOCTYPEs.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace youjun::io::detail {

struct XmlTag {
  std::string_view name;   // local name, namespace prefix removed ("x:row" -> "row")
  std::string_view attrs;  // raw attribute text
  bool closing = false;    // </name>
  bool self_closing = false;  // <name/>
  bool opens() const { return !closing && !self_closing; }
};

class XmlScanner {
 public:
  explicit XmlScanner(std::string_view xml) : xml_(xml) {}

  // Advances past the next element tag; false at the end of the document.
  bool next_tag(XmlTag& tag) {
    for (;;) {
      size_t lt = xml_.find('<', pos_);
      if (lt == std::string_view::npos || lt + 1 >= xml_.size()) {
        pos_ = xml_.size();
        return false;
      }
      std::string_view rest = xml_.substr(lt);
      if (rest.starts_with("<?")) { skip_past(lt, "?>"); continue; }
      if (rest.starts_with("<!--")) { skip_past(lt, "-->"); continue; }
      if (rest.starts_with("<![CDATA[")) { skip_past(lt, "]]>"); continue; }
      if (rest.starts_with("<!")) { skip_past(lt, ">"); continue; }
      size_t i = lt + 1;
      tag.closing = xml_[i] == '/';
      if (tag.closing) ++i;
      size_t name_end = i;
      while (name_end < xml_.size() && !is_name_end(xml_[name_end])) ++name_end;
      // Find the closing '>' outside quoted attribute values.
      size_t gt = name_end;
      char quote = 0;
      for (; gt < xml_.size(); ++gt) {
        char c = xml_[gt];
        if (quote) { if (c == quote) quote = 0; }
        else if (c == '"' || c == '\'') quote = c;
        else if (c == '>') break;
      }
      if (gt >= xml_.size()) {
        pos_ = xml_.size();
        return false;
      }
      tag.self_closing = gt > name_end && xml_[gt - 1] == '/';
      std::string_view name = xml_.substr(i, name_end - i);
      size_t colon = name.find(':');
      tag.name = colon == std::string_view::npos ? name : name.substr(colon + 1);
      tag.attrs = xml_.substr(name_end, gt - name_end - (tag.self_closing ? 1 : 0));
      pos_ = gt + 1;
      return true;
    }
  }

  // Appends the decoded character data up to the next element tag (entities and CDATA resolved).
  void read_text(std::string& out) {
    for (;;) {
      size_t lt = xml_.find('<', pos_);
      decode_entities(xml_.substr(pos_, lt == std::string_view::npos ? std::string_view::npos : lt - pos_), out);
      if (lt == std::string_view::npos) {
        pos_ = xml_.size();
        return;
      }
      std::string_view rest = xml_.substr(lt);
      if (rest.starts_with("<![CDATA[")) {
        size_t end = xml_.find("]]>", lt + 9);
        if (end == std::string_view::npos) end = xml_.size();
        out.append(xml_.substr(lt + 9, end - lt - 9));
        pos_ = std::min(end + 3, xml_.size());
        continue;
      }
      if (rest.starts_with("<!--")) {
        skip_past(lt, "-->");
        continue;
      }
      pos_ = lt;
      return;
    }
  }

  // Value of the attribute with this local name ("" when absent). Values are not entity-decoded.
  static std::string_view attr(const XmlTag& tag, std::string_view local_name, bool* found = nullptr) {
    std::string_view a = tag.attrs;
    size_t i = 0;
    if (found) *found = false;
    while (i < a.size()) {
      while (i < a.size() && is_space(a[i])) ++i;
      size_t name_start = i;
      while (i < a.size() && a[i] != '=' && !is_space(a[i])) ++i;
      std::string_view name = a.substr(name_start, i - name_start);
      while (i < a.size() && (is_space(a[i]) || a[i] == '=')) ++i;
      if (i >= a.size() || (a[i] != '"' && a[i] != '\'')) return {};
      char quote = a[i++];
      size_t value_end = a.find(quote, i);
      if (value_end == std::string_view::npos) return {};
      size_t colon = name.find(':');
      if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local_name) {
        if (found) *found = true;
        return a.substr(i, value_end - i);
      }
      i = value_end + 1;
    }
    return {};
  }

  static void decode_entities(std::string_view text, std::string& out) {
    for (;;) {
      size_t amp = text.find('&');
      out.append(text.substr(0, amp));
      if (amp == std::string_view::npos) return;
      text.remove_prefix(amp);
      size_t semi = text.find(';');
      std::string_view ent = semi == std::string_view::npos || semi > 12 ? std::string_view() : text.substr(1, semi - 1);
      if (ent == "lt") out += '<';
      else if (ent == "gt") out += '>';
      else if (ent == "amp") out += '&';
      else if (ent == "quot") out += '"';
      else if (ent == "apos") out += '\'';
      else if (ent.size() >= 2 && ent[0] == '#' && append_code_point(ent.substr(1), out)) {}
      else { out += '&'; text.remove_prefix(1); continue; }  // not an entity: keep the '&'
      text.remove_prefix(semi + 1);
    }
  }

  // UTF-8 of a code point; false for surrogates and values above U+10FFFF.
  static bool append_utf8(uint32_t cp, std::string& out) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return true;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  static bool is_name_end(char c) { return is_space(c) || c == '/' || c == '>'; }

  static bool append_code_point(std::string_view digits, std::string& out) {
    bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
    if (hex) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 8) return false;
    uint32_t cp = 0;
    for (char c : digits) {
      int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    return append_utf8(cp, out);
  }

  void skip_past(size_t from, std::string_view end) {
    size_t at = xml_.find(end, from);
    pos_ = at == std::string_view::npos ? xml_.size() : at + end.size();
  }

  std::string_view xml_;
  size_t pos_ = 0;
};

}  // namespace youjun::io::detail
