// core::intern: one copy of a string that very many findings repeat (a rule's
// name, a help text), kept until the process exits, and a core::Str that views
// it. An audit of 100,000 roles reports about 500,000 findings with a few dozen
// distinct help texts: each finding held its own heap copy of its help (about
// 100 bytes) and of its rule's name. The table only grows, by distinct strings.
#pragma once
#include <string_view>

#include "core/str.h"

namespace rolelint::core {

// `s` itself when it is short enough to be held inline, else a view of the kept copy.
Str intern(std::string_view s);

}  // namespace rolelint::core
