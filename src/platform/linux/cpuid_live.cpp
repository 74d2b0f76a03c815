// SPDX-License-Identifier: GPL-3.0-or-later
// The x86 CPUID instruction through GCC/Clang's <cpuid.h>. CPUID is not
// privileged, so this needs no rights. Non-x86 builds get no source and the
// probe records the CPUID facts as unknown.
#include "platform/linux/cpuid_live.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

namespace vmstick::linux_backend {
namespace {

class LiveCpuid final : public CpuidSource {
 public:
  std::optional<CpuidRegs> query(std::uint32_t leaf, std::uint32_t subleaf) const override {
    CpuidRegs r;
    __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
    return r;
  }
  std::string describe() const override { return "CPUID instruction"; }
};

}  // namespace

std::unique_ptr<CpuidSource> make_live_cpuid() { return std::make_unique<LiveCpuid>(); }

}  // namespace vmstick::linux_backend

#else

namespace vmstick::linux_backend {
std::unique_ptr<CpuidSource> make_live_cpuid() { return nullptr; }
}  // namespace vmstick::linux_backend

#endif
