// SPDX-License-Identifier: GPL-3.0-or-later
// The decisions behind "plan a portable VM". Each choice records a Note saying
// why, so the wizard and the exported plan can explain themselves.
#include "core/plan/plan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace vmstick::plan {
namespace {

constexpr std::uint64_t kMiB = 1024ULL * 1024ULL;
constexpr std::uint64_t kMaxRamBytes = 1ULL << 40;  // 1 TiB

template <class T>
bool has(const std::vector<T>& v, T x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool has_control_chars(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::string mib_text(std::uint64_t bytes) { return std::to_string((bytes + kMiB - 1) / kMiB); }

// Which hypervisor can open which disk format read-write. VirtualBox reads
// VHDX only partly and qcow2 only experimentally, so neither counts.
bool opens(Hypervisor hv, ImageFormat f) {
  switch (hv) {
    case Hypervisor::VirtualBox: return f == ImageFormat::VDI || f == ImageFormat::VMDK || f == ImageFormat::VHD;
    case Hypervisor::VMware: return f == ImageFormat::VMDK;
    case Hypervisor::HyperV: return f == ImageFormat::VHD || f == ImageFormat::VHDX;
    case Hypervisor::Qemu: return true;
  }
  return false;
}

bool all_open(const std::vector<Hypervisor>& hvs, ImageFormat f) {
  return std::all_of(hvs.begin(), hvs.end(), [f](Hypervisor hv) { return opens(hv, f); });
}

// Hyper-V exists only on Windows; the others ship for all three.
bool runs_on(Hypervisor hv, Os os) { return hv != Hypervisor::HyperV || os == Os::Windows; }

std::string file_stem(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    out += keep ? c : '-';
    if (out.size() >= 64) break;
  }
  if (out.empty() || out.front() == '.' || out.front() == '-') out.insert(0, "vm");
  return out;
}

std::string join_path(std::string_view dir, const std::string& file) {
  // A Windows folder ("E:\VMs") keeps its backslashes.
  const char sep = dir.find('\\') != std::string_view::npos && dir.find('/') == std::string_view::npos ? '\\' : '/';
  std::string d(dir);
  while (d.size() > 1 && (d.back() == '/' || d.back() == '\\')) d.pop_back();
  return d + sep + file;
}

std::string qemu_name(ImageFormat f) { return f == ImageFormat::VHD ? "vpc" : std::string(to_string(f)); }

bool is_fixed(Variant v) { return v == Variant::fixed || v == Variant::split2g_fixed; }
bool is_split(Variant v) { return v == Variant::split2g_fixed || v == Variant::split2g_dynamic; }

std::string qemu_options(ImageFormat f, Variant v) {
  switch (f) {
    case ImageFormat::VDI: return is_fixed(v) ? "static=on" : "";
    case ImageFormat::VMDK:
      switch (v) {
        case Variant::fixed: return "subformat=monolithicFlat";
        case Variant::dynamic: return "subformat=monolithicSparse";
        case Variant::split2g_fixed: return "subformat=twoGbMaxExtentFlat";
        case Variant::split2g_dynamic: return "subformat=twoGbMaxExtentSparse";
      }
      return "";
    case ImageFormat::VHD:
    case ImageFormat::VHDX: return is_fixed(v) ? "subformat=fixed" : "subformat=dynamic";
    case ImageFormat::QCOW2: return is_fixed(v) ? "preallocation=full" : "";
  }
  return "";
}

std::string vbox_format(ImageFormat f) {
  switch (f) {
    case ImageFormat::VDI: return "VDI";
    case ImageFormat::VMDK: return "VMDK";
    case ImageFormat::VHD: return "VHD";
    default: return "";  // VBoxManage cannot write VHDX or qcow2
  }
}

std::string vbox_variant(Variant v) {
  std::string s = is_fixed(v) ? "Fixed" : "Standard";
  return is_split(v) ? s + ",Split2G" : s;
}

// vmware-vdiskmanager -t: 0 growable, 1 growable split, 2 preallocated, 3 preallocated split.
int vmware_type(Variant v) {
  switch (v) {
    case Variant::dynamic: return 0;
    case Variant::split2g_dynamic: return 1;
    case Variant::fixed: return 2;
    case Variant::split2g_fixed: return 3;
  }
  return 0;
}

void choose_filesystem(const Input& in, Plan& p) {
  const bool w = has(in.run_on, Os::Windows), m = has(in.run_on, Os::MacOS), l = has(in.run_on, Os::Linux);
  if (in.keep_current_filesystem && in.current_filesystem) {
    p.filesystem = *in.current_filesystem;
    p.filesystem_reason = {"fs.kept", {{"fs", std::string(to_string(p.filesystem))}}};
    if (p.filesystem == Filesystem::NTFS && m) p.notes.push_back({"fs.ntfs_readonly_macos", {}});
    if (p.filesystem == Filesystem::ext4 && (w || m)) p.notes.push_back({"fs.ext4_linux_only", {}});
    if (p.filesystem == Filesystem::APFS && (w || l)) p.notes.push_back({"fs.apfs_macos_only", {}});
  } else if (m && (w || l)) {
    // macOS writes NTFS only with third-party drivers and never ext4;
    // Windows does not read ext4 or APFS. exFAT is the one all three write.
    p.filesystem = Filesystem::exFAT;
    p.filesystem_reason = {"fs.exfat.shared", {}};
  } else if (w) {
    // NTFS journals its metadata, so a stick pulled mid-write is repaired on
    // the next mount; Linux writes it with ntfs3 (5.15+) or ntfs-3g.
    p.filesystem = Filesystem::NTFS;
    p.filesystem_reason = {l ? "fs.ntfs.windows_linux" : "fs.ntfs.windows_only", {}};
  } else if (l) {
    p.filesystem = Filesystem::ext4;
    p.filesystem_reason = {"fs.ext4.linux_only", {}};
  } else {
    p.filesystem = Filesystem::APFS;
    p.filesystem_reason = {"fs.apfs.macos_only", {}};
  }
  p.reformat_needed = in.current_filesystem && *in.current_filesystem != p.filesystem;
  if (p.reformat_needed) {
    p.notes.push_back({"fs.reformat",
                          {{"current", std::string(to_string(*in.current_filesystem))},
                           {"fs", std::string(to_string(p.filesystem))}}});
  }
  // Sticks erase in blocks of 128 KiB or more; exFAT's cluster can match that.
  switch (p.filesystem) {
    case Filesystem::exFAT: p.cluster_bytes = 128 * 1024; break;
    case Filesystem::FAT32: p.cluster_bytes = 32 * 1024; break;
    default: p.cluster_bytes = 4096; break;
  }
}

void choose_format(const Input& in, Plan& p, bool needs_split) {
  const auto& h = in.hypervisors;
  if (needs_split && all_open(h, ImageFormat::VMDK)) {
    p.format = ImageFormat::VMDK;
    p.format_reason = {"format.vmdk.fat32_split", {}};
    return;
  }
  if (in.existing_format && all_open(h, *in.existing_format) && !needs_split) {
    p.format = *in.existing_format;
    p.format_reason = {"format.keep", {{"format", std::string(to_string(p.format))}}};
    return;
  }
  if (h.size() == 1) {
    switch (h.front()) {
      case Hypervisor::VirtualBox: p.format = ImageFormat::VDI; p.format_reason = {"format.vdi.virtualbox", {}}; return;
      case Hypervisor::Qemu: p.format = ImageFormat::QCOW2; p.format_reason = {"format.qcow2.qemu", {}}; return;
      case Hypervisor::HyperV: p.format = ImageFormat::VHDX; p.format_reason = {"format.vhdx.hyperv", {}}; return;
      case Hypervisor::VMware: p.format = ImageFormat::VMDK; p.format_reason = {"format.vmdk.vmware", {}}; return;
    }
  }
  if (has(h, Hypervisor::HyperV)) {
    p.format = ImageFormat::VHD;
    p.format_reason = {"format.vhd.shared", {}};
    if (has(h, Hypervisor::VMware)) p.notes.push_back({"format.no_common", {}});
    return;
  }
  p.format = ImageFormat::VMDK;
  p.format_reason = {"format.vmdk.shared", {}};
}

void choose_variant(const Input& in, Plan& p, bool needs_split) {
  const bool fits = in.capacity_bytes && in.disk_bytes <= *in.capacity_bytes / 10 * 9;
  bool fixed = fits;
  if (in.capacity_bytes && !fits)
    p.notes.push_back({"disk.exceeds_stick",
                          {{"disk_mib", mib_text(in.disk_bytes)}, {"capacity_mib", mib_text(*in.capacity_bytes)}}});
  if (needs_split && p.format == ImageFormat::VMDK) {
    p.variant = fixed ? Variant::split2g_fixed : Variant::split2g_dynamic;
    p.variant_reason = {"variant.split", {}};
  } else if (fixed) {
    p.variant = Variant::fixed;
    p.variant_reason = {"variant.fixed", {}};
  } else {
    p.variant = Variant::dynamic;
    p.variant_reason = {in.capacity_bytes ? "variant.dynamic.too_big" : "variant.dynamic.capacity_unknown", {}};
  }
  if (needs_split && p.format != ImageFormat::VMDK) p.notes.push_back({"fs.fat32_too_big", {}});
}

void judge_speed(const Input& in, Plan& p) {
  std::optional<double> slowest;
  for (const auto& v : {in.seq_read_mbps, in.seq_write_mbps})
    if (v && std::isfinite(*v) && *v >= 0) slowest = slowest ? std::min(*slowest, *v) : *v;
  if (!slowest) {
    p.speed = SpeedClass::unknown;
  } else if (*slowest < 10) {
    p.speed = SpeedClass::too_slow;
    p.notes.push_back({"speed.too_slow", {}});
  } else if (*slowest < 40) {
    p.speed = SpeedClass::usable;
  } else if (*slowest < 150) {
    p.speed = SpeedClass::good;
  } else {
    p.speed = SpeedClass::fast;
  }
  if (is_fixed(p.variant) && in.seq_write_mbps && *in.seq_write_mbps > 0 && std::isfinite(*in.seq_write_mbps))
    p.fixed_create_seconds = static_cast<double>(in.disk_bytes) / (*in.seq_write_mbps * 1e6);
}

void create_commands(const Input& in, Plan& p) {
  const std::string q = quote_posix(p.image_path);
  const std::string size_mib = mib_text(in.disk_bytes);
  std::string qemu = "qemu-img create -f " + qemu_name(p.format);
  if (auto o = qemu_options(p.format, p.variant); !o.empty()) qemu += " -o " + o;
  p.commands.push_back({"qemu-img", Shell::posix, qemu + " " + q + " " + size_mib + "M"});
  if (has(in.hypervisors, Hypervisor::VirtualBox) && !vbox_format(p.format).empty())
    p.commands.push_back({"VBoxManage", Shell::posix,
                          "VBoxManage createmedium disk --filename " + q + " --size " + size_mib + " --format " +
                              vbox_format(p.format) + " --variant " + vbox_variant(p.variant)});
  if (has(in.hypervisors, Hypervisor::VMware) && p.format == ImageFormat::VMDK)
    p.commands.push_back({"vmware-vdiskmanager", Shell::posix,
                          "vmware-vdiskmanager -c -s " + size_mib + "MB -a lsilogic -t " +
                              std::to_string(vmware_type(p.variant)) + " " + q});
  if (has(in.hypervisors, Hypervisor::HyperV) && (p.format == ImageFormat::VHD || p.format == ImageFormat::VHDX))
    p.commands.push_back({"New-VHD", Shell::powershell,
                          "New-VHD -Path " + quote_powershell(p.image_path) + " -SizeBytes " +
                              std::to_string((in.disk_bytes + kMiB - 1) / kMiB * kMiB) +
                              (is_fixed(p.variant) ? " -Fixed" : " -Dynamic")});
}

void convert_commands(const Input& in, Plan& p) {
  const std::string src = quote_posix(*in.existing_image);
  const std::string dst = quote_posix(p.image_path);
  std::string qemu = "qemu-img convert -p";
  if (in.existing_format) qemu += " -f " + qemu_name(*in.existing_format);
  qemu += " -O " + qemu_name(p.format);
  if (auto o = qemu_options(p.format, p.variant); !o.empty()) qemu += " -o " + o;
  p.commands.push_back({"qemu-img", Shell::posix, qemu + " " + src + " " + dst});
  const bool vbox_reads = !in.existing_format || *in.existing_format != ImageFormat::QCOW2;
  if (has(in.hypervisors, Hypervisor::VirtualBox) && vbox_reads && !vbox_format(p.format).empty())
    p.commands.push_back({"VBoxManage", Shell::posix,
                          "VBoxManage clonemedium disk " + src + " " + dst + " --format " + vbox_format(p.format) +
                              " --variant " + vbox_variant(p.variant)});
  if (has(in.hypervisors, Hypervisor::VMware) && p.format == ImageFormat::VMDK &&
      in.existing_format == ImageFormat::VMDK)
    p.commands.push_back({"vmware-vdiskmanager", Shell::posix,
                          "vmware-vdiskmanager -r " + src + " -t " + std::to_string(vmware_type(p.variant)) + " " + dst});
}

Status validate(const Input& in) {
  auto bad = [](std::string msg, std::string field) -> Status {
    return make_error(ErrorCode::InvalidArgument, std::move(msg), std::move(field));
  };
  if (in.run_on.empty()) return bad("Choose at least one operating system the VM must run on.", "run_on");
  if (in.hypervisors.empty()) return bad("Choose at least one hypervisor.", "hypervisors");
  if (in.disk_bytes < kMinDiskBytes || in.disk_bytes > kMaxDiskBytes)
    return bad("The disk size must be between 16 MiB and 64 TiB.", "disk_bytes");
  if (in.ram_bytes > kMaxRamBytes) return bad("The memory size must be at most 1 TiB.", "ram_bytes");
  if (in.target_dir.empty()) return bad("Choose the folder on the stick where the VM will live.", "target_dir");
  if (has_control_chars(in.target_dir)) return bad("The folder name contains control characters.", "target_dir");
  if (in.existing_image && (in.existing_image->empty() || has_control_chars(*in.existing_image)))
    return bad("The image path is empty or contains control characters.", "existing_image");
  return Ok{};
}

}  // namespace

Result<Plan> make_plan(const Input& in) {
  if (auto st = validate(in); !st) return st.error();
  Plan p;
  choose_filesystem(in, p);
  const bool needs_split = p.filesystem == Filesystem::FAT32 && in.disk_bytes > kFat32MaxFile;
  choose_format(in, p, needs_split);
  choose_variant(in, p, needs_split);
  judge_speed(in, p);
  for (Hypervisor hv : in.hypervisors)
    if (std::none_of(in.run_on.begin(), in.run_on.end(), [hv](Os os) { return runs_on(hv, os); }))
      p.notes.push_back({"hv.not_on_os", {{"hypervisor", std::string(to_string(hv))}}});
  p.image_path = join_path(in.target_dir, file_stem(in.vm_name) + "." + std::string(to_string(p.format)));
  if (in.existing_image && in.existing_format == p.format && !needs_split) {
    p.notes.push_back({"image.copy_as_is", {}});
  } else if (in.existing_image) {
    convert_commands(in, p);
  } else {
    create_commands(in, p);
  }
  return p;
}

}  // namespace vmstick::plan
