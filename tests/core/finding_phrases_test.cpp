// SPDX-License-Identifier: GPL-3.0-or-later
// Words that rules put into evidence (resources/findings/phrases.json): a
// Chinese reader gets them in Chinese inside the Chinese sentence, English
// output and the reports' evidence stay as they were.
#include <catch2/catch.hpp>

#include <cctype>
#include <set>

#include "core/probes/drive/volume_derive.hpp"
#include "core/probes/image/analyse.hpp"
#include "core/rules/rule.hpp"

using namespace vmstick;

namespace {

template <class T>
Fact<T> k(T v) { return Fact<T>::known(std::move(v), "test"); }

std::vector<Finding> evaluate(const FactSet& facts) {
  RuleRegistry rules;
  register_builtin_rules(rules);
  return rules.evaluate(facts, Catalog::builtin());
}

// A copy: the findings are often a temporary.
std::optional<Finding> find(const std::vector<Finding>& fs, const std::string& id, const std::string& subject = "") {
  for (const auto& f : fs)
    if (f.id == id && (subject.empty() || f.subject == subject)) return f;
  return std::nullopt;
}

RenderedFinding zh(const Finding& f) { return render(f, Catalog::builtin(), Lang::zh_CN, FixOs::Any); }
RenderedFinding en(const Finding& f) { return render(f, Catalog::builtin(), Lang::en, FixOs::Any); }

ImageFacts disk(const std::string& format, const std::string& variant) {
  ImageFacts i;
  i.path = "/vms/disk." + format;
  i.disk_path = i.path;
  i.format = k(format);
  i.variant = k(variant);
  i.allocation = k<std::string>(variant == "fixed" ? "fixed" : "dynamic");
  i.virtual_size_bytes = k<std::uint64_t>(64ull << 30);
  i.allocated_bytes = k<std::uint64_t>(6ull << 30);
  i.largest_file_bytes = k<std::uint64_t>(1ull << 30);
  i.chain_state = k<std::string>("none");
  return i;
}

FactSet with_image(ImageFacts image) {
  FactSet facts;
  facts.image = std::move(image);
  return facts;
}

// A stick whose filesystem only Linux writes (ext4), so Windows and macOS are named.
FactSet ext4_stick() {
  FactSet f;
  DriveFacts d;
  d.id = "/dev/sdb";
  d.model = k<std::string>("Extreme");
  d.bus = k<std::string>("usb");
  d.usb.speed_mbps = k<std::uint32_t>(480);
  d.usb.port_path = k<std::string>("2-1");
  d.usb.bos_superspeed = k(true);
  d.usb.port_usb3_capable = k(false);
  VolumeFacts v;
  v.id = "/dev/sdb1";
  v.fs_type = k<std::string>("ext4");
  derive_volume_facts(v);
  d.volumes.push_back(v);
  d.target_volume = 0;
  f.drives.push_back(d);
  f.target_drive = 0;
  return f;
}

FactSet windows_hypervisor_on(std::vector<std::string> features, std::vector<std::string> vbs) {
  FactSet facts;
  HostFacts& h = facts.host;
  h.cpu_vendor = k<std::string>("GenuineIntel");
  h.hw_virt_available = k(true);
  h.windows_hypervisor_running = k(true);
  h.hypervisor_features_enabled = k(std::move(features));
  h.vbs_services_running = k(std::move(vbs));
  return facts;
}

}  // namespace

TEST_CASE("phrases: every phrase has English and Simplified Chinese") {
  const auto& phrases = Catalog::builtin().phrases();
  REQUIRE_FALSE(phrases.empty());
  for (const auto& [id, text] : phrases) {
    INFO(id);
    CHECK_FALSE(text.get(Lang::en).empty());
    REQUIRE(text.text.count(Lang::zh_CN) == 1);
    CHECK_FALSE(text.text.at(Lang::zh_CN).empty());
  }
}

TEST_CASE("phrases: a reference is put into the reader's words, data is left as written") {
  const char* findings = R"j([{"id":"a.b","area":"image_fit","severity":"info",
      "title":{"en":"{{why}} ({{path}})","zh_CN":"{{why}}（{{path}}）"},"explanation":{"en":"on {{os}}","zh_CN":"在 {{os}} 上"}}])j";
  const char* phrases = R"({"why.x":{"en":"cannot run from {{format}}","zh_CN":"无法从 {{format}} 运行"},
      "list.separator":{"en":", ","zh_CN":"、"}})";
  EmbeddedFile files[] = {{"a.json", findings, std::char_traits<char>::length(findings)},
                          {"phrases.json", phrases, std::char_traits<char>::length(phrases)}};
  auto catalog = Catalog::parse(files);
  REQUIRE(catalog.ok());
  Finding f{"a.b", Severity::info, Area::image_fit, "x",
            {{"why", phrase("why.x")}, {"format", "qcow2"}, {"path", "/vms/{{why}}.img"},
             {"os", phrase_list({"Windows", "macOS"})}, {"odd", phrase("no.such")}}};
  auto e = render(f, *catalog, Lang::en, FixOs::Any);
  auto z = render(f, *catalog, Lang::zh_CN, FixOs::Any);
  CHECK(e.title == "cannot run from qcow2 (/vms/{{why}}.img)");
  CHECK(e.explanation == "on Windows, macOS");
  CHECK(z.title == "无法从 qcow2 运行（/vms/{{why}}.img）");
  CHECK(z.explanation == "在 Windows、macOS 上");
  // Reports carry the same evidence in every language: English words.
  CHECK(z.evidence == e.evidence);
  CHECK(z.evidence[0].second == "cannot run from qcow2");
  CHECK(z.evidence[3].second == "Windows, macOS");
  // A reference the catalog lacks stays visible rather than vanishing.
  CHECK(z.evidence[4].second == "{{@no.such}}");
  CHECK(phrase_ids(f.evidence[3].second) == std::vector<std::string>{"list.separator"});
  CHECK(localize_evidence(f.evidence, *catalog, Lang::zh_CN)[3].second == "Windows、macOS");
}

TEST_CASE("phrases: a broken phrases file is named with the phrase at fault") {
  auto parse = [](const char* text) {
    EmbeddedFile f{"phrases.json", text, std::char_traits<char>::length(text)};
    return Catalog::parse({&f, 1});
  };
  auto not_object = parse(R"([{"id":"x"}])");
  REQUIRE_FALSE(not_object.ok());
  CHECK(not_object.error().context == "phrases.json");
  auto nested = parse(R"({"a":{"en":"see {{@b}}"},"b":{"en":"b"}})");
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.error().context == "phrases.json: a");
  auto bad_id = parse(R"({"a b":{"en":"x"}})");
  REQUIRE_FALSE(bad_id.ok());
  auto no_english = parse(R"({"a":{"zh_CN":"x"}})");
  REQUIRE_FALSE(no_english.ok());
  CHECK(no_english.error().message == "English text is missing");
}

TEST_CASE("image.convert_for_hypervisor: why the hypervisor cannot run it, in Chinese") {
  auto fs = evaluate(with_image(disk("vhdx", "dynamic")));
  std::optional<Finding> vbox = find(fs, "image.convert_for_hypervisor", "VirtualBox");
  REQUIRE(vbox);
  CHECK(zh(*vbox).explanation ==
        "VirtualBox 只能以只读方式打开 VHDX，因此无法从它运行虚拟机。要在 VirtualBox 中使用 /vms/disk.vhdx，"
        "请先转换出一份副本；原文件保持不变。");
  CHECK(en(*vbox).explanation ==
        "VirtualBox opens VHDX read-only, so a VM cannot run from it. To use /vms/disk.vhdx with VirtualBox, convert a "
        "copy first; the original stays as it is.");

  fs = evaluate(with_image(disk("qcow2", "dynamic")));
  vbox = find(fs, "image.convert_for_hypervisor", "VirtualBox");
  REQUIRE(vbox);
  CHECK(zh(*vbox).explanation.starts_with("VirtualBox 无法从 qcow2 映像运行虚拟机。"));
  CHECK(en(*vbox).explanation.starts_with("VirtualBox cannot run from qcow2. "));
  CHECK(en(*vbox).evidence == zh(*vbox).evidence);
  std::optional<Finding> hv = find(fs, "image.convert_for_hypervisor", "Hyper-V");
  REQUIRE(hv);
  CHECK(zh(*hv).explanation.starts_with("Hyper-V 只能从 VHD 和 VHDX 映像运行虚拟机。"));

  ImageFacts uefi = disk("vhd", "dynamic");
  uefi.firmware = k<std::string>("efi");
  hv = find(evaluate(with_image(uefi)), "image.convert_for_hypervisor", "Hyper-V");
  REQUIRE(hv);
  CHECK(zh(*hv).explanation.starts_with("这台虚拟机以 UEFI 方式启动，而 Hyper-V 第 2 代虚拟机只能从 VHDX 启动。"));
}

TEST_CASE("image.opens_natively: the hypervisors as a Chinese list, the variant in Chinese") {
  auto fs = evaluate(with_image(disk("qcow2", "dynamic")));
  std::optional<Finding> native = find(fs, "image.opens_natively");
  REQUIRE(native);
  CHECK(zh(*native).title == "QEMU/KVM、UTM 可以直接运行这个 qcow2 映像");
  CHECK(zh(*native).explanation == "磁盘 /vms/disk.qcow2 是 qcow2 映像（动态分配），QEMU/KVM、UTM 无需转换即可打开。");
  CHECK(en(*native).explanation ==
        "The disk /vms/disk.qcow2 is a qcow2 image (dynamic), which QEMU/KVM, UTM open without conversion.");

  // A VMDK create type is a name and stays one.
  native = find(evaluate(with_image(disk("vmdk", "monolithicSparse"))), "image.opens_natively");
  REQUIRE(native);
  CHECK(zh(*native).explanation.find("（monolithicSparse）") != std::string::npos);
}

TEST_CASE("image.dynamic_grows, image.encrypted: unknown amounts and kinds in Chinese") {
  ImageFacts image = disk("vdi", "dynamic");
  image.allocated_bytes = Fact<std::uint64_t>::unknown("not read");
  image.encrypted = k(true);
  auto fs = evaluate(with_image(image));
  std::optional<Finding> grows = find(fs, "image.dynamic_grows");
  REQUIRE(grows);
  CHECK(zh(*grows).title == "动态映像：目前占用 未知大小的空间，最多可增长到 64.0 GiB");
  CHECK(en(*grows).title == "Dynamic image: uses an unknown amount now, can grow to 64.0 GiB");
  std::optional<Finding> encrypted = find(fs, "image.encrypted");
  REQUIRE(encrypted);
  CHECK(zh(*encrypted).title == "虚拟机磁盘已加密（方式未知）");
  CHECK(en(*encrypted).title == "The VM disk is encrypted (unknown)");
}

TEST_CASE("image.chain_broken: every chain state the probe reports reads as Chinese") {
  using image::ChainState;
  for (ChainState s : {ChainState::MissingParent, ChainState::MismatchedParent, ChainState::Loop,
                       ChainState::UnreadableParent, ChainState::TooDeep}) {
    const std::string state(image::to_string(s));
    INFO(state);
    ImageFacts image = disk("vhdx", "differencing");
    image.chain_state = k(state);
    image.chain_detail = "/vms/disk.vhdx: parent base.vhdx not found";
    std::optional<Finding> broken = find(evaluate(with_image(image)), "image.chain_broken");
    REQUIRE(broken);
    CHECK(Catalog::builtin().phrase("chain_state." + state) != nullptr);
    CHECK(en(*broken).title == "The image's parent chain is broken (" + state + ")");
    CHECK(zh(*broken).title.find(state) == std::string::npos);
    CHECK(zh(*broken).title.find("{{") == std::string::npos);
  }
  ImageFacts image = disk("vhdx", "differencing");
  image.chain_state = k<std::string>("missing-parent");
  std::optional<Finding> broken = find(evaluate(with_image(image)), "image.chain_broken");
  REQUIRE(broken);
  CHECK(zh(*broken).title == "映像的父映像链已损坏（找不到父映像）");
}

TEST_CASE("drive.fs_not_writable_on_os, drive.usb3_device_at_high_speed: Chinese list and yes/no") {
  auto fs = evaluate(ext4_stick());
  std::optional<Finding> fs_os = find(fs, "drive.fs_not_writable_on_os");
  REQUIRE(fs_os);
  CHECK(zh(*fs_os).title == "Windows、macOS 无法直接写入 ext4，需要额外软件");
  CHECK(en(*fs_os).title == "ext4 cannot be written on Windows, macOS without extra software");

  std::optional<Finding> usb = find(fs, "drive.usb3_device_at_high_speed");
  REQUIRE(usb);
  CHECK(zh(*usb).explanation.find("（USB 3 端口：否）") != std::string::npos);
  CHECK(en(*usb).explanation.find("(USB 3 port: no)") != std::string::npos);

  FactSet unknown_port = ext4_stick();
  unknown_port.drives[0].usb.port_usb3_capable = Fact<bool>::unknown("no hub descriptor");
  usb = find(evaluate(unknown_port), "drive.usb3_device_at_high_speed");
  REQUIRE(usb);
  CHECK(zh(*usb).explanation.find("（USB 3 端口：未知）") != std::string::npos);
  CHECK(en(*usb).explanation.find("(USB 3 port: unknown)") != std::string::npos);
}

TEST_CASE("host.hyperv_*: what holds the hypervisor, in the Chinese names Windows shows") {
  FactSet facts = windows_hypervisor_on({"VirtualMachinePlatform", "HypervisorPlatform", "Containers-DisposableClientVM"},
                                        {"memory_integrity", "credential_guard", "system_guard"});
  facts.host.hypervisor_launch_type = k<std::string>("auto");
  facts.host.installed_hypervisors = k<std::vector<InstalledHypervisor>>({{"VirtualBox", "7.0.14", "", "", {}}});
  std::optional<Finding> slow = find(evaluate(facts), "host.hyperv_virtualbox_slow");
  REQUIRE(slow);
  CHECK(zh(*slow).explanation.starts_with(
      "Windows 正在运行自己的虚拟机管理程序，由以下功能保持开启：虚拟机平台（WSL2）、Windows 虚拟机监控程序平台、"
      "Windows 沙盒、内存完整性（HVCI）、Credential Guard、System Guard 安全启动。"));
  CHECK(en(*slow).explanation.starts_with(
      "Windows runs its own hypervisor, kept on by: Virtual Machine Platform (WSL2), Windows Hypervisor Platform, "
      "Windows Sandbox, Memory Integrity (HVCI), Credential Guard, System Guard Secure Launch. "));

  // Nothing named, launch type unread, VirtualBox version unread.
  facts = windows_hypervisor_on({}, {});
  facts.host.installed_hypervisors = k<std::vector<InstalledHypervisor>>({{"VirtualBox", "", "", "", {}}});
  std::optional<Finding> unread = find(evaluate(facts), "host.hyperv_virtualbox_slow");
  REQUIRE(unread);
  CHECK(zh(*unread).title == "VirtualBox 未知版本 将运行缓慢：Windows 虚拟机管理程序占用了 VT-x/AMD-V");
  CHECK(en(*unread).title == "VirtualBox unknown will run slowly: the Windows hypervisor holds VT-x/AMD-V");
  CHECK(zh(*unread).explanation.find("由以下功能保持开启：Windows 虚拟机管理程序（hypervisorlaunchtype auto）。") !=
        std::string::npos);

  facts.host.installed_hypervisors = k<std::vector<InstalledHypervisor>>({});
  facts.host.vbs_status = k<std::string>("running");
  std::optional<Finding> holds = find(evaluate(facts), "host.hyperv_holds_virt");
  REQUIRE(holds);
  CHECK(zh(*holds).explanation.starts_with(
      "Windows 本身运行在其虚拟机管理程序之上，由以下功能保持开启：基于虚拟化的安全性（启动设置 hypervisorlaunchtype：未知）。"));
  CHECK(en(*holds).explanation.starts_with(
      "Windows itself runs on its hypervisor, kept on by: Virtualization-based security (boot setting "
      "hypervisorlaunchtype: unknown). "));
}

TEST_CASE("host.kvm_holds_virt_virtualbox, host.virtualization_available: unread versions and models in Chinese") {
  FactSet facts;
  HostFacts& h = facts.host;
  h.cpu_vendor = k<std::string>("GenuineIntel");
  h.hw_virt_available = k(true);
  h.kvm_vendor_module = k<std::string>("kvm_intel");
  h.kvm_enable_virt_at_load = k(true);
  h.installed_hypervisors = k<std::vector<InstalledHypervisor>>({{"VirtualBox", "", "", "", {}}});
  auto fs = evaluate(facts);
  std::optional<Finding> kvm = find(fs, "host.kvm_holds_virt_virtualbox");
  REQUIRE(kvm);
  CHECK(zh(*kvm).title == "KVM 占用了 VT-x/AMD-V，VirtualBox 未知版本 无法启动虚拟机");
  CHECK(zh(*kvm).explanation.find("当前内核（未知）正是如此") != std::string::npos);
  CHECK(en(*kvm).explanation.find("This kernel (unknown) does so") != std::string::npos);

  std::optional<Finding> available = find(fs, "host.virtualization_available");
  REQUIRE(available);
  CHECK(zh(*available).explanation.starts_with("处理器 未知型号 (GenuineIntel) 支持 VT-x，"));
  CHECK(en(*available).explanation.starts_with("The processor unknown CPU (GenuineIntel) offers VT-x "));
}

namespace {

// Evidence shown as it is, by design: names, paths, commands, figures, and
// what probes said (their reasons name files and system errors).
const std::set<std::string> kDataKeys{
    "after_mbps", "after_mib",   "before_mbps",   "budget",  "command",   "config",     "copy",      "count",
    "detail",     "disk",        "disks",         "drive",   "driver",    "error",      "firmware_source",
    "format",     "free",        "growth",        "guest_arch", "host_arch", "host_cpus", "host_ram", "hypervisor",
    "id",         "largest",     "max",           "module",  "mount",     "need",       "options",   "path",
    "port",       "product",     "read_iops",     "read_mbps", "reason",  "size",       "slat",      "source",
    "speed",      "start",       "suggested_ram", "target",  "vcpus",     "virt",       "virtual",   "vm",
    "vm_ram",     "write_iops",  "wtg_iops",      "fs"};

// Words a Chinese text keeps in Latin letters: product, format and feature
// names, and the values the fact sets below give.
const std::set<std::string> kNames{
    "VirtualBox", "VMware", "Hyper", "V",     "QEMU",     "KVM",       "UTM",   "VHDX",       "VHD",
    "VDI",        "VMDK",   "OVA",   "qcow2", "raw",      "UEFI",      "AES",   "Windows",    "macOS",
    "Linux",      "WSL2",   "HVCI",  "Credential", "Guard", "System", "hypervisorlaunchtype", "auto",
    "GenuineIntel", "GiB", "streamOptimized", "monolithicSparse", "vdi", "vhd", "vhdx", "vmdk", "luks", "aes"};

// Runs of ASCII letters and digits that hold a letter.
std::vector<std::string> latin_words(const std::string& s) {
  std::vector<std::string> out;
  std::string word;
  bool letter = false;
  for (char c : s + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
      letter = letter || std::isalpha(static_cast<unsigned char>(c));
    } else {
      if (letter) out.push_back(word);
      word.clear();
      letter = false;
    }
  }
  return out;
}

std::vector<FactSet> fact_sets_with_rule_words() {
  std::vector<FactSet> sets;
  for (const auto& [format, variant] : std::vector<std::pair<std::string, std::string>>{
           {"qcow2", "dynamic"}, {"vhdx", "dynamic"}, {"raw", "fixed"}, {"vmdk", "streamOptimized"},
           {"vdi", "differencing"}, {"vhdx", "differencing"}, {"vhd", "fixed"}, {"vmdk", "monolithicSparse"}}) {
    sets.push_back(with_image(disk(format, variant)));
  }
  ImageFacts uefi = disk("vhd", "dynamic");
  uefi.firmware = k<std::string>("efi");
  sets.push_back(with_image(uefi));
  ImageFacts aes = disk("qcow2", "dynamic");
  aes.encrypted = k(true);
  aes.encryption = k<std::string>("aes");
  sets.push_back(with_image(aes));
  ImageFacts unknown = disk("vdi", "dynamic");
  unknown.allocated_bytes = Fact<std::uint64_t>::unknown("not read");
  unknown.encrypted = k(true);
  unknown.chain_state = k<std::string>("loop");
  sets.push_back(with_image(unknown));
  sets.push_back(ext4_stick());
  FactSet unknown_port = ext4_stick();
  unknown_port.drives[0].usb.port_usb3_capable = Fact<bool>::unknown("no hub descriptor");
  sets.push_back(unknown_port);
  FactSet hyperv = windows_hypervisor_on({"Microsoft-Hyper-V-All", "VirtualMachinePlatform", "HypervisorPlatform",
                                          "Containers-DisposableClientVM"},
                                         {"memory_integrity", "credential_guard", "system_guard"});
  hyperv.host.installed_hypervisors =
      k<std::vector<InstalledHypervisor>>({{"VirtualBox", "", "", "", {}}, {"VMware Workstation", "15.0.0", "", "", {}}});
  sets.push_back(hyperv);
  FactSet vbs = windows_hypervisor_on({}, {});
  vbs.host.vbs_status = k<std::string>("running");
  sets.push_back(vbs);
  sets.push_back(windows_hypervisor_on({}, {}));
  FactSet kvm;
  kvm.host.hw_virt_available = k(true);
  kvm.host.kvm_vendor_module = k<std::string>("kvm_amd");
  kvm.host.kvm_enable_virt_at_load = k(true);
  kvm.host.installed_hypervisors = k<std::vector<InstalledHypervisor>>({{"VirtualBox", "", "", "", {}}});
  sets.push_back(kvm);
  return sets;
}

}  // namespace

TEST_CASE("phrases: in Chinese, no English words come from the rules") {
  const Catalog& catalog = Catalog::builtin();
  std::set<std::string> seen;
  for (const FactSet& facts : fact_sets_with_rule_words()) {
    for (const Finding& f : evaluate(facts)) {
      INFO(f.id << " on " << f.subject);
      seen.insert(f.id);
      for (FixOs os : {FixOs::Any, FixOs::Linux, FixOs::Windows, FixOs::MacOS}) {
        const RenderedFinding r = render(f, catalog, Lang::zh_CN, os);
        CHECK(r.title.find("{{") == std::string::npos);
        CHECK(r.explanation.find("{{") == std::string::npos);
        CHECK(r.fix.find("{{") == std::string::npos);
      }
      // What the rule wrote, as a Chinese reader gets it: every key is
      // either data or free of English words.
      for (const auto& [key, value] : localize_evidence(f.evidence, catalog, Lang::zh_CN)) {
        INFO(key << " = " << value);
        if (kDataKeys.count(key)) continue;
        for (const auto& word : latin_words(value)) {
          INFO(word);
          CHECK(kNames.count(word) == 1);
        }
      }
    }
  }
  // The fact sets reach every finding whose evidence carries rule words.
  for (const char* id : {"image.convert_for_hypervisor", "image.opens_natively", "image.dynamic_grows", "image.encrypted",
                         "image.chain_broken", "drive.fs_not_writable_on_os", "drive.usb3_device_at_high_speed",
                         "host.hyperv_virtualbox_slow", "host.hyperv_vmware_fails", "host.hyperv_holds_virt",
                         "host.kvm_holds_virt_virtualbox", "host.virtualization_available"}) {
    INFO(id);
    CHECK(seen.count(id) == 1);
  }
}
