// SPDX-License-Identifier: GPL-3.0-or-later
// The live macOS host: sysctlbyname for CPU and Hypervisor.framework support,
// CFBundle for the versions of installed hypervisor apps.
#include "platform/macos/host_probe_macos.hpp"

#include <CoreFoundation/CoreFoundation.h>
#include <sys/sysctl.h>
#include <sys/types.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "platform/macos/decode/host_sysctl.hpp"

namespace vmstick::macos_backend {
namespace {

// Reads a sysctl as text the way `sysctl -a` prints it, so the decoder sees
// the same table as the recorded fixtures. The caller says whether the value
// is an integer: a 4-byte int and a 3-letter string are the same size.
bool read_sysctl(const char* name, bool integer, std::string& out) {
  std::size_t size = 0;
  if (sysctlbyname(name, nullptr, &size, nullptr, 0) != 0 || size == 0 || size > 65536) return false;
  std::vector<char> buf(size);
  if (sysctlbyname(name, buf.data(), &size, nullptr, 0) != 0) return false;
  if (!integer) {
    out.assign(buf.data(), strnlen(buf.data(), size));
    return true;
  }
  if (size == sizeof(std::int32_t)) {
    std::int32_t v = 0;
    std::memcpy(&v, buf.data(), sizeof v);
    out = std::to_string(v);
  } else if (size == sizeof(std::int64_t)) {
    std::int64_t v = 0;
    std::memcpy(&v, buf.data(), sizeof v);
    out = std::to_string(v);
  } else {
    return false;
  }
  return true;
}

std::string bundle_version(const std::string& path) {
  CFURLRef url = CFURLCreateFromFileSystemRepresentation(nullptr, reinterpret_cast<const UInt8*>(path.c_str()),
                                                         static_cast<CFIndex>(path.size()), true);
  if (!url) return {};
  std::string version;
  if (CFBundleRef bundle = CFBundleCreate(nullptr, url)) {
    auto value = CFBundleGetValueForInfoDictionaryKey(bundle, CFSTR("CFBundleShortVersionString"));
    if (value && CFGetTypeID(value) == CFStringGetTypeID()) {
      std::array<char, 64> buf{};
      if (CFStringGetCString(static_cast<CFStringRef>(value), buf.data(), buf.size(), kCFStringEncodingUTF8)) version = buf.data();
    }
    CFRelease(bundle);
  }
  CFRelease(url);
  return version;
}

}  // namespace

void HostProbe::run(const ProbeContext& ctx, FactSet& facts) const {
  macos_decode::SysctlTable table;
  for (const char* name : {"kern.osrelease", "hw.machine", "machdep.cpu.vendor", "machdep.cpu.brand_string",
                           "machdep.cpu.features"}) {
    std::string value;
    if (read_sysctl(name, false, value)) table[name] = value;
  }
  for (const char* name : {"kern.hv_support", "kern.hv_vmm_present", "hw.optional.arm64", "hw.logicalcpu", "hw.memsize"}) {
    std::string value;
    if (read_sysctl(name, true, value)) table[name] = value;
  }
  std::vector<macos_decode::AppBundle> apps;
  for (const char* bundle : {"VirtualBox.app", "VMware Fusion.app", "Parallels Desktop.app", "UTM.app", "Docker.app"}) {
    const auto path = ctx.paths.host(std::string("/Applications/") + bundle);
    if (ctx.paths.exists(path)) apps.push_back({bundle, bundle_version(path.string())});
  }
  facts.host = macos_decode::decode_host(table, apps);
}

}  // namespace vmstick::macos_backend
