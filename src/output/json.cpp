#include <charconv>
#include <cstdint>
#include <cstring>
#include <deque>
#include <future>
#include <nlohmann/json.hpp>

#include "core/task.h"
#include "core/text.h"
#include "output/output.h"

namespace rolelint::output {

nlohmann::ordered_json jsonReport(const Report& report, const ToolInfo& tool) {
  using nlohmann::ordered_json;
  ordered_json doc;
  doc["tool"] = {{"name", tool.name}, {"version", tool.version}, {"catalog", tool.catalog}};
  ordered_json list = ordered_json::array();
  for (const auto& d : report.diagnostics) {
    if (!d.active()) continue;
    ordered_json j;
    j["rule"] = d.rule;
    j["name"] = d.name;
    j["severity"] = core::toString(d.severity);
    j["message"] = d.message;
    if (!d.help.empty()) j["help"] = d.help;
    j["file"] = d.location.file;
    j["line"] = d.location.range.begin.line;
    j["column"] = d.location.range.begin.column;
    j["endLine"] = d.location.range.end.line;
    j["endColumn"] = d.location.range.end.column;
    j["pointer"] = d.location.pointer;
    j["role"] = d.role;
    j["policy"] = d.policy;
    if (!d.related.empty()) {
      ordered_json rel = ordered_json::array();
      for (const auto& r : d.related) {
        rel.push_back({{"file", r.location.file},
                       {"line", r.location.range.begin.line},
                       {"column", r.location.range.begin.column},
                       {"pointer", r.location.pointer},
                       {"message", r.message}});
      }
      j["related"] = rel;
    }
    list.push_back(std::move(j));
  }
  doc["diagnostics"] = std::move(list);
  const Counts c = count(report);
  doc["summary"] = {{"files", report.files},        {"roles", report.roles},     {"errors", c.errors},
                    {"warnings", c.warnings},       {"notes", c.notes},          {"suppressed", c.suppressed},
                    {"baseline", c.baseline},
                    {"unreadable", report.notifications},
                    {"statements",
                     {{"analysed", report.statements.full},
                      {"withUnknownParts", report.statements.unknownParts},
                      {"notAnalysed", report.statements.notAnalysed}}}};
  return doc;
}

namespace {

// Writes jsonReport(report, tool).dump(2, ' ', false, replace) without building the
// tree: an audit's report has tens of thousands of findings, and the tree and its
// serialisation took a quarter of a 2,000-role run. tests/output_json_test.cpp
// compares the two byte for byte.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(&out) { buf_.reserve(kFlushAt + 4096); }
  // Into `buffer` only (emptied; its storage reused), for take().
  explicit Writer(std::string buffer) : buf_(std::move(buffer)) { buf_.clear(); }
  ~Writer() { flush(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void raw(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kFlushAt) flush();
  }
  void indent(int depth) { buf_.append(static_cast<size_t>(depth) * 2, ' '); }
  // A JSON string as nlohmann's serializer writes it with ensure_ascii off:
  // `"` and `\` escaped, control characters as \b \f \n \r \t or \u00xx, other bytes
  // as they are; text that is not UTF-8 goes through the library (its replacement
  // of invalid sequences with U+FFFD).
  void string(std::string_view s) {
    const size_t mark = buf_.size();
    buf_.push_back('"');
    const char* p = s.data();
    const char* const end = p + s.size();
    const char* run = p;  // start of the bytes not yet copied
    while (p < end) {
      // Eight bytes at a time while none is a control character, `"`, `\` or non-ASCII.
      while (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if (core::wordNeedsAttention(w)) break;
        p += 8;
      }
      if (p >= end) break;
      const auto c = static_cast<unsigned char>(*p);
      if (c >= 0x80) {
        const size_t len = utf8Length(p, end);
        if (len == 0) {
          // Not UTF-8: the library's replacement of invalid sequences with U+FFFD.
          buf_.resize(mark);
          raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
          return;
        }
        p += len;
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++p;
        continue;
      }
      buf_.append(run, static_cast<size_t>(p - run));
      switch (c) {
        case '"': buf_.append("\\\""); break;
        case '\\': buf_.append("\\\\"); break;
        case '\b': buf_.append("\\b"); break;
        case '\f': buf_.append("\\f"); break;
        case '\n': buf_.append("\\n"); break;
        case '\r': buf_.append("\\r"); break;
        case '\t': buf_.append("\\t"); break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          buf_.append(esc, sizeof esc);
        }
      }
      run = ++p;
    }
    buf_.append(run, static_cast<size_t>(end - run));
    buf_.push_back('"');
    if (buf_.size() >= kFlushAt) flush();
  }
  void number(std::uint64_t n) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, n);
    buf_.append(digits, static_cast<size_t>(r.ptr - digits));
  }

  // `"key": ` at `depth`, after a comma when not the first member.
  void key(int depth, std::string_view k, bool& first) {
    buf_.append(first ? "\n" : ",\n");
    first = false;
    indent(depth);
    buf_.push_back('"');
    buf_.append(k);
    buf_.append("\": ");
  }
  void member(int depth, std::string_view k, std::string_view v, bool& first) {
    key(depth, k, first);
    string(v);
  }
  void member(int depth, std::string_view k, std::uint64_t v, bool& first) {
    key(depth, k, first);
    number(v);
  }
  void close(int depth, char bracket) {
    buf_.push_back('\n');
    indent(depth);
    buf_.push_back(bracket);
  }
  // What a buffer-only writer wrote.
  std::string take() { return std::move(buf_); }
  // Text another writer formatted, written after what this one holds.
  void write(const std::string& text) {
    flush();
    if (out_ != nullptr) out_->write(text.data(), static_cast<std::streamsize>(text.size()));
    else buf_.append(text);
  }

 private:
  static constexpr size_t kFlushAt = 1 << 16;
  void flush() {
    if (out_ == nullptr) return;
    out_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  // The length of the UTF-8 sequence at p (its lead byte is 0x80 or above), 0 when it
  // is not one: overlong forms, surrogates and code points above U+10FFFF are not.
  static size_t utf8Length(const char* p, const char* end) {
    const auto c = static_cast<unsigned char>(*p);
    size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return 0;
    if (static_cast<size_t>(end - p) < len) return 0;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(p[k]);
      if ((cc & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return 0;
    return len;
  }

  std::ostream* out_ = nullptr;
  std::string buf_;
};

// One finding, as an element of "diagnostics" (after its "[\n" or ",\n").
void writeDiagnostic(Writer& w, const core::Diagnostic& d) {
  w.indent(2);
  w.raw("{");
  bool f = true;
  w.member(3, "rule", d.rule, f);
  w.member(3, "name", d.name, f);
  w.member(3, "severity", core::toString(d.severity), f);
  w.member(3, "message", d.message, f);
  if (!d.help.empty()) w.member(3, "help", d.help, f);
  w.member(3, "file", d.location.file, f);
  w.member(3, "line", d.location.range.begin.line, f);
  w.member(3, "column", d.location.range.begin.column, f);
  w.member(3, "endLine", d.location.range.end.line, f);
  w.member(3, "endColumn", d.location.range.end.column, f);
  w.member(3, "pointer", d.location.pointer, f);
  w.member(3, "role", d.role, f);
  w.member(3, "policy", d.policy, f);
  if (!d.related.empty()) {
    w.key(3, "related", f);
    w.raw("[\n");
    for (size_t i = 0; i < d.related.size(); ++i) {
      const auto& r = d.related[i];
      if (i != 0) w.raw(",\n");
      w.indent(4);
      w.raw("{");
      bool rf = true;
      w.member(5, "file", r.location.file, rf);
      w.member(5, "line", r.location.range.begin.line, rf);
      w.member(5, "column", r.location.range.begin.column, rf);
      w.member(5, "pointer", r.location.pointer, rf);
      w.member(5, "message", r.message, rf);
      w.close(4, '}');
    }
    w.close(3, ']');
  }
  w.close(2, '}');
}

}  // namespace

void writeJson(std::ostream& out, const Report& report, const ToolInfo& tool, unsigned threads) {
  Writer w(out);
  bool first = true;
  w.raw("{");
  w.key(1, "tool", first);
  {
    bool f = true;
    w.raw("{");
    w.member(2, "name", tool.name, f);
    w.member(2, "version", tool.version, f);
    w.member(2, "catalog", tool.catalog, f);
    w.close(1, '}');
  }
  w.key(1, "diagnostics", first);
  const std::vector<core::Diagnostic>& ds = report.diagnostics;
  size_t firstActive = 0;
  while (firstActive < ds.size() && !ds[firstActive].active()) ++firstActive;
  const bool anyDiagnostic = firstActive < ds.size();
  auto format = [&](Writer& into, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (!ds[i].active()) continue;
      into.raw(i == firstActive ? "[\n" : ",\n");
      writeDiagnostic(into, ds[i]);
    }
  };
  // An audit's findings are formatted in batches by up to `threads` tasks at once,
  // and this thread writes the batches in order as they are ready: formatting
  // 500,000 findings on one thread was a tenth of a 100,000-role run. At most
  // `threads` + 1 batches are held.
  constexpr size_t kBatch = 512;
  if (threads <= 1 || ds.size() - firstActive < 4 * kBatch) {
    format(w, firstActive, ds.size());
  } else {
    std::deque<std::future<std::string>> ahead;
    // The batches' buffers, used again once written: a fresh buffer for each batch
    // would take fresh pages from the kernel for every byte of the report.
    std::vector<std::string> spare;
    size_t next = firstActive;
    auto launch = [&] {
      const size_t from = next;
      const size_t to = std::min(ds.size(), next + kBatch);
      next = to;
      std::string buffer;
      if (!spare.empty()) {
        buffer = std::move(spare.back());
        spare.pop_back();
      } else {
        // A finding takes 500 to 1,000 bytes: sized once, a buffer does not grow by
        // doubling (each step a block of its own, which the threads' heaps keep).
        buffer.reserve(kBatch * 1024);
      }
      auto job = [&format, from, to, buffer = std::move(buffer)]() mutable {
        Writer batch(std::move(buffer));
        format(batch, from, to);
        return batch.take();
      };
      ahead.push_back(core::startTask(std::move(job)));
    };
    while (ahead.size() < threads && next < ds.size()) launch();
    while (!ahead.empty()) {
      std::string text = ahead.front().get();
      ahead.pop_front();
      if (next < ds.size()) launch();  // formatted while this one is written
      w.write(text);
      spare.push_back(std::move(text));
    }
  }
  if (anyDiagnostic) w.close(1, ']');
  else w.raw("[]");
  const Counts c = count(report);
  w.key(1, "summary", first);
  {
    bool f = true;
    w.raw("{");
    w.member(2, "files", report.files, f);
    w.member(2, "roles", report.roles, f);
    w.member(2, "errors", c.errors, f);
    w.member(2, "warnings", c.warnings, f);
    w.member(2, "notes", c.notes, f);
    w.member(2, "suppressed", c.suppressed, f);
    w.member(2, "baseline", c.baseline, f);
    w.key(2, "unreadable", f);
    if (report.notifications.empty()) {
      w.raw("[]");
    } else {
      w.raw("[\n");
      for (size_t i = 0; i < report.notifications.size(); ++i) {
        if (i != 0) w.raw(",\n");
        w.indent(3);
        w.string(report.notifications[i]);
      }
      w.close(2, ']');
    }
    w.key(2, "statements", f);
    {
      bool sf = true;
      w.raw("{");
      w.member(3, "analysed", report.statements.full, sf);
      w.member(3, "withUnknownParts", report.statements.unknownParts, sf);
      w.member(3, "notAnalysed", report.statements.notAnalysed, sf);
      w.close(2, '}');
    }
    w.close(1, '}');
  }
  w.close(0, '}');
  w.raw("\n");
}

}  // namespace rolelint::output
