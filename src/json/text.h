// json::Text: a JSON value's string or a member's name (core::Str: 16 bytes; a
// view into the text read when the reader borrows, else held inline or on the heap).
#pragma once
#include "core/str.h"

namespace rolelint::json {
using Text = core::Str;
}  // namespace rolelint::json
