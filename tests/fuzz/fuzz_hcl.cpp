// libFuzzer target: the HCL2 reader must never crash, hang, leak or trip a
// sanitizer on any bytes, and every problem it reports must lie inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "hcl/hcl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const rolelint::hcl::File f = rolelint::hcl::parse(text);
  for (const auto& p : f.problems) {
    if (p.begin > text.size() || p.end > text.size() + 1) std::abort();
    (void)f.position(p.begin);
  }
  for (size_t i = 0; i < f.exprs.size(); ++i) {
    const auto& e = f.exprs[i];
    if (e.begin > e.end || e.end > text.size()) std::abort();
    (void)rolelint::hcl::sourceOf(f, static_cast<rolelint::hcl::ExprId>(i));
    (void)rolelint::hcl::traversalText(f, static_cast<rolelint::hcl::ExprId>(i));
  }
  return 0;
}
