// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/host/cpuid.hpp"

#include "core/text.hpp"

namespace vmstick {
namespace {

constexpr std::size_t kMaxLeaves = 4096;

std::optional<std::uint32_t> hex32(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
  if (s.empty() || s.size() > 8) return std::nullopt;
  return parse_number<std::uint32_t>(s, 16);
}

// "eax=0x1234" -> value, when the name matches.
std::optional<std::uint32_t> reg_value(std::string_view word, std::string_view name) {
  if (word.size() <= name.size() + 1 || word.substr(0, name.size()) != name || word[name.size()] != '=') {
    return std::nullopt;
  }
  return hex32(word.substr(name.size() + 1));
}

bool bit(std::uint32_t v, unsigned n) { return ((v >> n) & 1u) != 0; }

void append_le(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

}  // namespace

std::optional<CpuidRegs> CpuidTable::query(std::uint32_t leaf, std::uint32_t subleaf) const {
  auto it = regs_.find({leaf, subleaf});
  if (it == regs_.end()) return std::nullopt;
  return it->second;
}

Result<CpuidTable> parse_cpuid_table(std::string_view text, std::string origin) {
  CpuidTable table(origin);
  int cpu_blocks = 0;
  for (std::string_view line : split_lines(text)) {
    std::string_view t = trim(line);
    if (t.substr(0, 4) == "CPU " && !t.empty() && t.back() == ':') {
      if (++cpu_blocks > 1) break;  // only the first CPU
      continue;
    }
    auto words = split_words(t);
    if (words.size() != 6) continue;
    std::string sub = words[1];
    if (!sub.empty() && sub.back() == ':') sub.pop_back();
    auto leaf = hex32(words[0]);
    auto subleaf = hex32(sub);
    auto a = reg_value(words[2], "eax");
    auto b = reg_value(words[3], "ebx");
    auto c = reg_value(words[4], "ecx");
    auto d = reg_value(words[5], "edx");
    if (!leaf || !subleaf || !a || !b || !c || !d) continue;
    if (table.size() >= kMaxLeaves) {
      return make_error(ErrorCode::Corrupt, "more than 4096 CPUID leaves; this is not a CPUID dump", origin);
    }
    table.set(*leaf, *subleaf, CpuidRegs{*a, *b, *c, *d});
  }
  if (table.size() == 0) {
    return make_error(ErrorCode::Corrupt, "no CPUID line of the form '0xLEAF 0xSUB: eax=.. ebx=.. ecx=.. edx=..'",
                      origin);
  }
  return table;
}

std::string cpuid_signature(const CpuidRegs& r) {
  std::string s;
  append_le(s, r.ebx);
  append_le(s, r.ecx);
  append_le(s, r.edx);
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
  return printable(s);
}

CpuidFacts decode_cpuid(const CpuidSource& source) {
  CpuidFacts f;
  auto l0 = source.query(0);
  if (!l0) return f;
  CpuidRegs v{0, l0->ebx, l0->edx, l0->ecx};  // vendor is EBX, EDX, ECX
  f.vendor = cpuid_signature(v);
  const std::uint32_t max_leaf = l0->eax;
  if (max_leaf >= 1) {
    if (auto l1 = source.query(1)) {
      f.vmx = bit(l1->ecx, 5);
      f.hypervisor = bit(l1->ecx, 31);
    }
  }
  // Leaves 0x400000xx exist only when a hypervisor says so (leaf 1 ECX[31]).
  if (f.hypervisor.value_or(false)) {
    if (auto hv = source.query(0x40000000)) {
      f.hv_vendor = cpuid_signature(*hv);
      if (*f.hv_vendor == "Microsoft Hv" && hv->eax >= 0x40000003) {
        if (auto priv = source.query(0x40000003)) f.hyperv_root = bit(priv->ebx, 0);
      }
    }
  } else if (f.hypervisor) {
    f.hyperv_root = false;
  }
  auto ext = source.query(0x80000000);
  const std::uint32_t max_ext = ext ? ext->eax : 0;
  if (max_ext >= 0x80000001) {
    if (auto e1 = source.query(0x80000001)) {
      f.svm = bit(e1->ecx, 2);
      f.long_mode = bit(e1->edx, 29);
    }
  }
  // Leaf 0x8000000A is defined only when SVM is supported.
  if (f.svm.value_or(false)) {
    if (max_ext >= 0x8000000A) {
      if (auto sv = source.query(0x8000000A)) f.npt = bit(sv->edx, 0);
    }
  }
  return f;
}

}  // namespace vmstick
