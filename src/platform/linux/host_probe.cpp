// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/host_probe.hpp"

#include <algorithm>

#include "core/log/log.hpp"
#include "core/probes/host/cpuinfo.hpp"

namespace vmstick::linux_backend {
namespace {

bool has_flag(const std::vector<std::string>& flags, std::string_view flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

void mark_cpu_unknown(HostFacts& h, const std::string& why) {
  h.cpu_vendor = Fact<std::string>::unknown(why);
  h.cpu_model = Fact<std::string>::unknown(why);
  h.cpu_flags = Fact<std::vector<std::string>>::unknown(why);
  h.logical_cpus = Fact<std::uint32_t>::unknown(why);
  h.hw_virt_available = Fact<bool>::unknown(why);
  h.running_in_vm = Fact<bool>::unknown(why);
}

void fill_from_cpuinfo(const Cpuinfo& info, const std::string& src, HostFacts& h) {
  if (!info.vendor_id.empty()) {
    h.cpu_vendor = Fact<std::string>::known(info.vendor_id, src + " vendor_id");
  } else {
    h.cpu_vendor = Fact<std::string>::unknown(src + " has no vendor_id line");
  }
  if (!info.model_name.empty()) {
    h.cpu_model = Fact<std::string>::known(info.model_name, src + " model name");
  } else {
    h.cpu_model = Fact<std::string>::unknown(src + " has no 'model name' line");
  }
  h.logical_cpus = Fact<std::uint32_t>::known(info.processors, src + " processor entries");
  if (!info.has_flags_line) {
    const std::string why = src + " has no flags line";
    h.cpu_flags = Fact<std::vector<std::string>>::unknown(why);
    h.hw_virt_available = Fact<bool>::unknown(why);
    h.running_in_vm = Fact<bool>::unknown(why);
    return;
  }
  h.cpu_flags = Fact<std::vector<std::string>>::known(info.flags, src + " flags");
  const bool vmx = has_flag(info.flags, "vmx");
  const bool svm = has_flag(info.flags, "svm");
  // Since Linux 5.6 the kernel clears vmx when firmware disabled VT-x, so a
  // missing flag means "not usable", which is what this fact states.
  h.hw_virt_available = Fact<bool>::known(vmx || svm, src + (vmx ? " flag vmx" : svm ? " flag svm" : " flags (no vmx or svm)"));
  h.running_in_vm = Fact<bool>::known(has_flag(info.flags, "hypervisor"),
                                      src + " flag hypervisor (CPUID.1:ECX[31])");
}

}  // namespace

void HostProbe::run(const ProbeContext& ctx, FactSet& facts) const {
  auto log = log::get("probe.host");
  HostFacts& h = facts.host;
  h.os = Fact<std::string>::known("linux", "platform backend");

  const auto arch_path = ctx.paths.proc("sys/kernel/arch");
  if (auto arch = ctx.paths.read_attr(arch_path); arch && !arch->empty()) {
    h.arch = Fact<std::string>::known(*arch, arch_path.string());
  } else {
    h.arch = Fact<std::string>::unknown(arch ? Error{ErrorCode::Corrupt, "empty", arch_path.string()} : arch.error());
  }

  const auto cpuinfo_path = ctx.paths.proc("cpuinfo");
  auto text = ctx.paths.read_text(cpuinfo_path);
  if (!text) {
    log->warn("cannot read CPU information: {}", text.error().describe());
    const std::string why = "cannot read CPU information: " + text.error().describe();
    mark_cpu_unknown(h, why);
    return;
  }
  auto info = parse_cpuinfo(*text);
  if (!info) {
    const std::string why = "cannot understand " + cpuinfo_path.string() + ": " + info.error().describe();
    log->warn("{}", why);
    mark_cpu_unknown(h, why);
    return;
  }
  fill_from_cpuinfo(*info, cpuinfo_path.string(), h);
  log->info("CPU {} {}, {} flags, hardware virtualization {}", info->vendor_id, info->model_name, info->flags.size(),
            h.hw_virt_available.is_known() ? (h.hw_virt_available.value() ? "yes" : "no") : "unknown");
}

}  // namespace vmstick::linux_backend
