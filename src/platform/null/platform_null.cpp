// SPDX-License-Identifier: GPL-3.0-or-later
// make_platform_backend() for an OS without a backend of its own (and for
// the Windows cross build until src/platform/windows has API code). In its
// own library so tests can link the null backend next to a real one.
#include "platform/null/backend_null.hpp"

namespace vmstick {

std::unique_ptr<Backend> make_platform_backend() { return make_null_backend(); }

}  // namespace vmstick
