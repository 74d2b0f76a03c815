// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CPUID, behind a narrow source so the decoding runs anywhere: the live
// instruction on x86 (src/platform/<os>/), or a table recorded from a real
// machine (tests/fixtures/<scenario>/cpuid.txt, `cpuid -r` layout).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"

namespace vmstick {

struct CpuidRegs {
  std::uint32_t eax{0}, ebx{0}, ecx{0}, edx{0};
};

class CpuidSource {
 public:
  virtual ~CpuidSource() = default;
  // nullopt when the leaf was not recorded / the instruction is unavailable.
  virtual std::optional<CpuidRegs> query(std::uint32_t leaf, std::uint32_t subleaf = 0) const = 0;
  // Where the answers come from ("CPUID instruction", "fixture/cpuid.txt").
  virtual std::string describe() const = 0;
};

// A recorded table. Lines look like `cpuid -r` prints them:
//   0x00000001 0x00: eax=0x000806ea ebx=0x00100800 ecx=0x7ffafbbf edx=0xbfebfbff
// Anything else on a line ("CPU 0:", blank lines, comments) is skipped.
class CpuidTable final : public CpuidSource {
 public:
  explicit CpuidTable(std::string origin = "recorded CPUID table") : origin_(std::move(origin)) {}
  void set(std::uint32_t leaf, std::uint32_t subleaf, CpuidRegs regs) { regs_[{leaf, subleaf}] = regs; }
  std::optional<CpuidRegs> query(std::uint32_t leaf, std::uint32_t subleaf = 0) const override;
  std::string describe() const override { return origin_; }
  std::size_t size() const { return regs_.size(); }

 private:
  std::string origin_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, CpuidRegs> regs_;
};

// Corrupt when no line parses; only the first CPU's block is kept (later
// "CPU n:" blocks repeat the same leaves) and at most 4096 leaves.
Result<CpuidTable> parse_cpuid_table(std::string_view text, std::string origin);

// What vmstick needs from CPUID, decoded. Each optional is empty when the
// leaf that answers it is not available (not recorded, beyond the max leaf).
struct CpuidFacts {
  std::string vendor;                     // leaf 0 "GenuineIntel", "AuthenticAMD"
  std::optional<bool> vmx;                // leaf 1 ECX[5]
  std::optional<bool> svm;                // leaf 0x80000001 ECX[2]
  std::optional<bool> hypervisor;         // leaf 1 ECX[31]: this OS runs under a hypervisor
  std::optional<std::string> hv_vendor;   // leaf 0x40000000 EBX:ECX:EDX, only when hypervisor
  std::optional<bool> npt;                // leaf 0x8000000A EDX[0], AMD nested paging
  std::optional<bool> hyperv_root;        // leaf 0x40000003 EBX[0] CreatePartitions: Hyper-V root partition
  std::optional<bool> long_mode;          // leaf 0x80000001 EDX[29]: x86-64
};

// vendor empty + all optionals empty means the source answered nothing.
CpuidFacts decode_cpuid(const CpuidSource& source);

// The 12-byte signature in EBX,ECX,EDX order (leaf 0x40000000), with
// trailing NULs and blanks removed and control bytes replaced.
std::string cpuid_signature(const CpuidRegs& r);

}  // namespace vmstick
