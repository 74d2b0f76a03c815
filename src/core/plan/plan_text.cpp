// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plan/plan_text.hpp"

#include <cstdio>
#include <map>

namespace vmstick::plan {
namespace {

struct Words {
  const char* en;
  const char* zh;
};

const std::map<std::string, Words>& note_words() {
  static const std::map<std::string, Words> words{
      {"fs.kept", {"Keep the stick's current {{fs}} filesystem, as you asked.", "按您的要求，保留U盘当前的 {{fs}} 文件系统。"}},
      {"fs.exfat.shared",
       {"exFAT: Windows, macOS and Linux all read and write it without extra drivers. (macOS only reads NTFS; "
        "Windows and macOS cannot use ext4.)",
        "exFAT：Windows、macOS 和 Linux 都能直接读写，无需额外驱动。（macOS 只能读取 NTFS；Windows 和 macOS 无法使用 ext4。）"}},
      {"fs.ntfs.windows_linux",
       {"NTFS: Windows and Linux both write it (Linux through ntfs3 or ntfs-3g), and its journal survives a stick "
        "pulled out mid-write better than exFAT.",
        "NTFS：Windows 和 Linux 都能写入（Linux 通过 ntfs3 或 ntfs-3g），而且它带日志，写入中途拔出U盘时比 exFAT 更不容易损坏。"}},
      {"fs.ntfs.windows_only",
       {"NTFS: native on Windows, journaled, and without FAT32's 4 GiB file limit.",
        "NTFS：Windows 原生支持，带日志，也没有 FAT32 的 4 GiB 单文件限制。"}},
      {"fs.ext4.linux_only",
       {"ext4: the VM only runs on Linux, and ext4 is Linux's own journaled filesystem.",
        "ext4：虚拟机只在 Linux 上运行，而 ext4 是 Linux 自己的日志文件系统。"}},
      {"fs.apfs.macos_only",
       {"APFS: the VM only runs on macOS, and APFS is macOS's own filesystem.",
        "APFS：虚拟机只在 macOS 上运行，而 APFS 是 macOS 自己的文件系统。"}},
      {"fs.ntfs_readonly_macos",
       {"macOS mounts NTFS read-only: the VM will not start from this stick on a Mac.",
        "macOS 以只读方式挂载 NTFS：在 Mac 上无法从这个U盘启动虚拟机。"}},
      {"fs.ext4_linux_only",
       {"Windows and macOS cannot open ext4 without third-party drivers.",
        "没有第三方驱动，Windows 和 macOS 无法打开 ext4。"}},
      {"fs.apfs_macos_only", {"Windows and Linux cannot write APFS.", "Windows 和 Linux 无法写入 APFS。"}},
      {"fs.reformat",
       {"The stick is formatted {{current}} now; formatting it as {{fs}} ERASES everything on it. Copy your files "
        "off first.",
        "U盘当前是 {{current}} 格式；把它格式化为 {{fs}} 会清除上面的所有数据。请先把文件复制出来。"}},
      {"fs.fat32_too_big",
       {"FAT32 cannot hold a file larger than 4 GiB, and the chosen hypervisors need a single-file format. "
        "Reformat the stick (exFAT or NTFS) or use a smaller disk.",
        "FAT32 无法存放大于 4 GiB 的文件，而所选的虚拟化软件需要单文件格式。请重新格式化U盘（exFAT 或 NTFS），或使用更小的磁盘。"}},
      {"format.keep", {"Keep the image as {{format}}: every chosen hypervisor opens it.", "保留 {{format}} 格式：所选的虚拟化软件都能打开它。"}},
      {"format.vdi.virtualbox", {"VDI: VirtualBox's native format.", "VDI：VirtualBox 的原生格式。"}},
      {"format.qcow2.qemu", {"qcow2: QEMU's native format.", "qcow2：QEMU 的原生格式。"}},
      {"format.vhdx.hyperv", {"VHDX: Hyper-V's native format.", "VHDX：Hyper-V 的原生格式。"}},
      {"format.vmdk.vmware", {"VMDK: VMware's native format.", "VMDK：VMware 的原生格式。"}},
      {"format.vmdk.shared",
       {"VMDK: VMware, VirtualBox and QEMU all open it.", "VMDK：VMware、VirtualBox 和 QEMU 都能打开它。"}},
      {"format.vhd.shared",
       {"VHD: Hyper-V, VirtualBox and QEMU all open it (VHDX is Hyper-V only).",
        "VHD：Hyper-V、VirtualBox 和 QEMU 都能打开它（VHDX 只有 Hyper-V 支持）。"}},
      {"format.vmdk.fat32_split",
       {"VMDK split into 2 GB pieces: the only layout that fits FAT32's 4 GiB file limit.",
        "拆分为 2 GB 分片的 VMDK：这是唯一能绕过 FAT32 4 GiB 单文件限制的方式。"}},
      {"format.no_common",
       {"No disk format opens in both Hyper-V and VMware; the plan follows Hyper-V. Convert a copy for VMware.",
        "没有一种磁盘格式能同时被 Hyper-V 和 VMware 打开；本方案以 Hyper-V 为准。请为 VMware 另外转换一份副本。"}},
      {"variant.fixed",
       {"Fixed size: all space is allocated now, so the image never grows, never fragments and writes at a steady "
        "speed.",
        "固定大小：现在就分配全部空间，镜像不会再增长、不会产生碎片，写入速度稳定。"}},
      {"variant.dynamic.too_big",
       {"Dynamic: a fixed image of this size would not leave room on the stick.",
        "动态分配：这么大的固定镜像会占满U盘空间。"}},
      {"variant.dynamic.capacity_unknown",
       {"Dynamic: the stick's size is not known, so the plan does not allocate everything up front.",
        "动态分配：U盘容量未知，因此方案不预先分配全部空间。"}},
      {"variant.split", {"Split into 2 GB files for FAT32.", "为 FAT32 拆分为 2 GB 的文件。"}},
      {"disk.exceeds_stick",
       {"A {{disk_mib}} MiB disk does not fit comfortably on a {{capacity_mib}} MiB stick; a dynamic image that "
        "grows past the free space stops the VM.",
        "{{disk_mib}} MiB 的磁盘放不进 {{capacity_mib}} MiB 的U盘；动态镜像一旦超出剩余空间，虚拟机就会停止。"}},
      {"speed.too_slow",
       {"This stick is slower than 10 MB/s: the VM will boot and respond very slowly. Use a faster USB 3 stick or "
        "an SSD.",
        "这个U盘慢于 10 MB/s：虚拟机的启动和响应都会非常慢。请换用更快的 USB 3 U盘或固态硬盘。"}},
      {"hv.not_on_os",
       {"{{hypervisor}} does not run on any of the chosen operating systems.",
        "{{hypervisor}} 无法在所选的任何操作系统上运行。"}},
      {"image.copy_as_is",
       {"The image is already in the planned format: copy it to the stick as it is.",
        "镜像已经是方案中的格式：直接复制到U盘即可。"}},
  };
  return words;
}

const char* pick(const Words& w, Lang lang) { return lang == Lang::zh_CN ? w.zh : w.en; }

std::string one_decimal(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

const std::vector<std::string>& note_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const auto& [id, w] : note_words()) out.push_back(id);
    return out;
  }();
  return ids;
}

std::string note_text(const Note& note, Lang lang) {
  auto it = note_words().find(note.id);
  if (it == note_words().end()) return note.id;
  return fill_placeholders(pick(it->second, lang), note.values);
}

std::string speed_text(SpeedClass s, Lang lang) {
  switch (s) {
    case SpeedClass::unknown:
      return pick({"Unknown: run the speed test to know what to expect.", "未知：运行速度测试以了解预期表现。"}, lang);
    case SpeedClass::too_slow:
      return pick({"Too slow for a usable VM.", "太慢，虚拟机几乎无法使用。"}, lang);
    case SpeedClass::usable:
      return pick({"Usable for light work; booting and updates will be slow.", "可用于轻量工作；启动和更新会比较慢。"}, lang);
    case SpeedClass::good:
      return pick({"Good: close to a laptop's hard disk.", "良好：接近笔记本电脑机械硬盘的速度。"}, lang);
    case SpeedClass::fast:
      return pick({"Fast: close to an internal SSD.", "很快：接近内置固态硬盘的速度。"}, lang);
  }
  return {};
}

std::string variant_text(Variant v, Lang lang) {
  switch (v) {
    case Variant::fixed: return pick({"fixed size", "固定大小"}, lang);
    case Variant::dynamic: return pick({"dynamically allocated", "动态分配"}, lang);
    case Variant::split2g_fixed: return pick({"fixed size, split into 2 GB files", "固定大小，拆分为 2 GB 文件"}, lang);
    case Variant::split2g_dynamic: return pick({"dynamic, split into 2 GB files", "动态分配，拆分为 2 GB 文件"}, lang);
  }
  return {};
}

std::string filesystem_name(Filesystem f) {
  switch (f) {
    case Filesystem::exFAT: return "exFAT";
    case Filesystem::NTFS: return "NTFS";
    case Filesystem::ext4: return "ext4";
    case Filesystem::APFS: return "APFS";
    case Filesystem::FAT32: return "FAT32";
  }
  return {};
}

std::string format_name(ImageFormat f) {
  switch (f) {
    case ImageFormat::VDI: return "VDI";
    case ImageFormat::VMDK: return "VMDK";
    case ImageFormat::VHD: return "VHD";
    case ImageFormat::VHDX: return "VHDX";
    case ImageFormat::QCOW2: return "qcow2";
  }
  return {};
}

std::string plan_text(const Input& in, const Plan& p, Lang lang) {
  const bool zh = lang == Lang::zh_CN;
  std::string out = zh ? "便携虚拟机方案\n\n" : "Portable VM plan\n\n";
  if (!in.guest_os.empty()) out += (zh ? "客户机系统：" : "Guest OS: ") + in.guest_os + "\n";
  out += (zh ? "文件系统：" : "Filesystem: ") + filesystem_name(p.filesystem) + "\n  " + note_text(p.filesystem_reason, lang) + "\n";
  out += (zh ? "镜像格式：" : "Image format: ") + format_name(p.format) + " (" + variant_text(p.variant, lang) + ")\n  " +
         note_text(p.format_reason, lang) + "\n  " + note_text(p.variant_reason, lang) + "\n";
  out += (zh ? "对齐：分区从 " : "Alignment: partition starts at ") +
         std::to_string(p.partition_offset_bytes / (1024 * 1024)) + " MiB" + (zh ? "，簇大小 " : ", cluster size ") +
         std::to_string(p.cluster_bytes / 1024) + " KiB\n";
  out += (zh ? "预期性能：" : "Expected performance: ") + speed_text(p.speed, lang) + "\n";
  if (p.fixed_create_seconds)
    out += (zh ? "  创建固定镜像约需 " : "  Creating the fixed image takes about ") +
           one_decimal(*p.fixed_create_seconds / 60.0) + (zh ? " 分钟。\n" : " min.\n");
  out += (zh ? "镜像位置：" : "Image file: ") + p.image_path + "\n";
  if (!p.notes.empty()) {
    out += zh ? "\n注意：\n" : "\nNotes:\n";
    for (const auto& n : p.notes) out += "  - " + note_text(n, lang) + "\n";
  }
  if (!p.commands.empty()) {
    out += zh ? "\n命令（任选其一）：\n" : "\nCommands (any one of them):\n";
    for (const auto& c : p.commands) out += "  [" + c.tool + "] " + c.line + "\n";
  }
  return out;
}

nlohmann::json plan_json(const Input& in, const Plan& p) {
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& n : p.notes) {
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [k, v] : n.values) values[k] = v;
    notes.push_back({{"id", n.id}, {"values", values}});
  }
  nlohmann::json commands = nlohmann::json::array();
  for (const auto& c : p.commands)
    commands.push_back({{"tool", c.tool}, {"shell", c.shell == Shell::posix ? "posix" : "powershell"}, {"line", c.line}});
  nlohmann::json run_on = nlohmann::json::array();
  for (Os os : in.run_on) run_on.push_back(to_string(os));
  nlohmann::json hvs = nlohmann::json::array();
  for (Hypervisor hv : in.hypervisors) hvs.push_back(to_string(hv));
  return {{"input",
           {{"run_on", run_on},
            {"hypervisors", hvs},
            {"guest_os", in.guest_os},
            {"disk_bytes", in.disk_bytes},
            {"ram_bytes", in.ram_bytes}}},
          {"filesystem", to_string(p.filesystem)},
          {"filesystem_reason", p.filesystem_reason.id},
          {"reformat_needed", p.reformat_needed},
          {"format", to_string(p.format)},
          {"format_reason", p.format_reason.id},
          {"variant", to_string(p.variant)},
          {"partition_offset_bytes", p.partition_offset_bytes},
          {"cluster_bytes", p.cluster_bytes},
          {"expected_speed", to_string(p.speed)},
          {"image_path", p.image_path},
          {"notes", notes},
          {"commands", commands}};
}

}  // namespace vmstick::plan
