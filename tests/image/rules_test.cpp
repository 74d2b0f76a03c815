// SPDX-License-Identifier: GPL-3.0-or-later
// Image rules on hand-built facts: which findings, with which evidence.
#include <catch2/catch.hpp>

#include "core/rules/image_support.hpp"
#include "core/rules/rule.hpp"

using namespace vmstick;

namespace {

ImageFacts disk(const std::string& format, const std::string& variant, const std::string& allocation = "dynamic") {
  ImageFacts i;
  i.path = "/vms/disk." + format;
  i.disk_path = i.path;
  i.format = Fact<std::string>::known(format, "test");
  i.variant = Fact<std::string>::known(variant, "test");
  i.allocation = Fact<std::string>::known(allocation, "test");
  i.virtual_size_bytes = Fact<std::uint64_t>::known(64ull << 30, "test");
  i.allocated_bytes = Fact<std::uint64_t>::known(6ull << 30, "test");
  i.largest_file_bytes = Fact<std::uint64_t>::known(1ull << 30, "test");
  i.chain_state = Fact<std::string>::known("none", "test");
  return i;
}

std::vector<Finding> evaluate(const FactSet& facts) {
  RuleRegistry rules;
  register_image_rules(rules);
  return rules.evaluate(facts, Catalog::builtin());
}

const Finding* find(const std::vector<Finding>& fs, const std::string& id, const std::string& subject = "") {
  for (const auto& f : fs)
    if (f.id == id && (subject.empty() || f.subject == subject)) return &f;
  return nullptr;
}

// As reports show it: phrases the rule wrote come out in English.
std::string ev(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : render(f, Catalog::builtin(), Lang::en, FixOs::Any).evidence)
    if (k == key) return v;
  return "<missing>";
}

}  // namespace

TEST_CASE("no image asked for: no image findings") {
  FactSet facts;
  CHECK(evaluate(facts).empty());
}

TEST_CASE("a qcow2 image: QEMU and UTM native, the others get an exact conversion command") {
  FactSet facts;
  facts.image = disk("qcow2", "dynamic");
  auto fs = evaluate(facts);
  const Finding* native = find(fs, "image.opens_natively");
  REQUIRE(native);
  CHECK(ev(*native, "hypervisors") == "QEMU/KVM, UTM");
  const Finding* vbox = find(fs, "image.convert_for_hypervisor", "VirtualBox");
  REQUIRE(vbox);
  CHECK(ev(*vbox, "command") == "qemu-img convert -p -O vdi \"/vms/disk.qcow2\" \"/vms/disk.vdi\"");
  const Finding* vmw = find(fs, "image.convert_for_hypervisor", "VMware");
  REQUIRE(vmw);
  CHECK(ev(*vmw, "command") == "qemu-img convert -p -O vmdk -o subformat=monolithicSparse \"/vms/disk.qcow2\" \"/vms/disk.vmdk\"");
  const Finding* hv = find(fs, "image.convert_for_hypervisor", "Hyper-V");
  REQUIRE(hv);
  CHECK(ev(*hv, "command") == "qemu-img convert -p -O vhdx -o subformat=dynamic \"/vms/disk.qcow2\" \"/vms/disk.vhdx\"");
  CHECK(find(fs, "image.dynamic_grows"));
}

TEST_CASE("hypervisor table: VHDX is read-only in VirtualBox, UEFI VHD needs VHDX for Hyper-V, streamOptimized must be imported") {
  auto native = [](const ImageFacts& i, const std::string& hv) {
    for (const auto& s : image_rules::hypervisor_support(i))
      if (s.hypervisor == hv) return s;
    FAIL("no row for " << hv);
    return image_rules::Support{};
  };
  auto vhdx = disk("vhdx", "dynamic");
  CHECK_FALSE(native(vhdx, "VirtualBox").native);
  CHECK(native(vhdx, "VirtualBox").command == "VBoxManage clonemedium disk \"/vms/disk.vhdx\" \"/vms/disk.vdi\" --format VDI");
  CHECK(native(vhdx, "Hyper-V").native);
  CHECK(native(vhdx, "QEMU/KVM").native);
  vhdx.variant = Fact<std::string>::known("differencing", "test");
  CHECK_FALSE(native(vhdx, "QEMU/KVM").native);

  auto vhd = disk("vhd", "dynamic");
  CHECK(native(vhd, "Hyper-V").native);
  vhd.firmware = Fact<std::string>::known("efi", "test");
  CHECK_FALSE(native(vhd, "Hyper-V").native);
  CHECK(native(vhd, "Hyper-V").command == "Convert-VHD -Path \"/vms/disk.vhd\" -DestinationPath \"/vms/disk.vhdx\"");

  auto stream = disk("vmdk", "streamOptimized");
  CHECK_FALSE(native(stream, "VMware").native);
  CHECK(native(stream, "VMware").command == "vmware-vdiskmanager -r \"/vms/disk.vmdk\" -t 0 \"/vms/disk-vmware.vmdk\"");
  CHECK(native(disk("vmdk", "monolithicSparse"), "VMware").native);
  CHECK(native(disk("vdi", "dynamic"), "VirtualBox").native);
  CHECK_FALSE(native(disk("vdi", "differencing"), "QEMU/KVM").native);
  CHECK(native(disk("raw", "fixed", "fixed"), "VirtualBox").command == "VBoxManage convertfromraw \"/vms/disk.raw\" \"/vms/disk.vdi\" --format VDI");
}

TEST_CASE("a file of 4 GiB or more gets the split advice and a fixed image says so") {
  FactSet facts;
  facts.image = disk("vmdk", "monolithicFlat", "fixed");
  facts.image->largest_file_bytes = Fact<std::uint64_t>::known(64ull << 30, "test");
  auto fs = evaluate(facts);
  CHECK(find(fs, "image.fixed_size"));
  CHECK_FALSE(find(fs, "image.dynamic_grows"));
  const Finding* big = find(fs, "image.large_single_file");
  REQUIRE(big);
  CHECK(ev(*big, "command") == "vmware-vdiskmanager -r \"/vms/disk.vmdk\" -t 1 \"/vms/disk-split.vmdk\"");
  CHECK(ev(*big, "largest") == "64.0 GiB");

  facts.image->largest_file_bytes = Fact<std::uint64_t>::known((4ull << 30) - 1, "test");
  CHECK_FALSE(find(evaluate(facts), "image.large_single_file"));
  facts.image->largest_file_bytes = Fact<std::uint64_t>::unknown("not read");
  CHECK_FALSE(find(evaluate(facts), "image.large_single_file"));
}

TEST_CASE("chain, encryption, repair and unreadable images") {
  FactSet facts;
  facts.image = disk("qcow2", "differencing");
  facts.image->chain_state = Fact<std::string>::known("missing-parent", "test");
  facts.image->chain_detail = "/vms/disk.qcow2: parent \"base.qcow2\" not found";
  facts.image->encrypted = Fact<bool>::known(true, "test");
  facts.image->encryption = Fact<std::string>::known("luks", "test");
  facts.image->needs_repair = Fact<bool>::known(true, "test");
  facts.image->repair_reason = "dirty bit set";
  auto fs = evaluate(facts);
  const Finding* broken = find(fs, "image.chain_broken");
  REQUIRE(broken);
  CHECK(broken->severity == Severity::blocker);
  CHECK(ev(*broken, "state") == "missing-parent");
  CHECK(fs.front().id == "image.chain_broken");  // worst first
  REQUIRE(find(fs, "image.encrypted"));
  CHECK(ev(*find(fs, "image.encrypted"), "encryption") == "luks");
  CHECK(find(fs, "image.needs_repair"));

  facts.image->chain_state = Fact<std::string>::known("complete", "test");
  facts.image->parent_chain = Fact<std::vector<std::string>>::known({"/vms/base.qcow2"}, "test");
  fs = evaluate(facts);
  CHECK_FALSE(find(fs, "image.chain_broken"));
  REQUIRE(find(fs, "image.differencing_chain"));
  CHECK(ev(*find(fs, "image.differencing_chain"), "count") == "1");

  FactSet bad;
  bad.image = ImageFacts{};
  bad.image->path = "/vms/x.qcow2";
  bad.image->format = Fact<std::string>::unknown("cluster_bits: 40 is outside 9..21 (/vms/x.qcow2)");
  fs = evaluate(bad);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "image.unreadable");
  CHECK(ev(fs[0], "reason") == "cluster_bits: 40 is outside 9..21 (/vms/x.qcow2)");
}

TEST_CASE("VM demands: more vCPUs than the host, TPM, Secure Boot, and unknown host CPUs judge nothing") {
  FactSet facts;
  facts.image = disk("vdi", "dynamic");
  facts.image->vm_name = Fact<std::string>::known("Win11", "test");
  facts.image->vcpus = Fact<std::uint32_t>::known(8, "test");
  facts.image->tpm = Fact<bool>::known(true, "test");
  facts.image->secure_boot = Fact<bool>::known(true, "test");
  facts.host.logical_cpus = Fact<std::uint32_t>::known(4, "test");
  auto fs = evaluate(facts);
  const Finding* cpus = find(fs, "image.more_vcpus_than_host");
  REQUIRE(cpus);
  CHECK(ev(*cpus, "vcpus") == "8");
  CHECK(ev(*cpus, "host_cpus") == "4");
  CHECK(find(fs, "image.needs_tpm"));
  CHECK(find(fs, "image.needs_secure_boot"));

  facts.host.logical_cpus = Fact<std::uint32_t>::unknown("no cpuinfo");
  CHECK_FALSE(find(evaluate(facts), "image.more_vcpus_than_host"));
  facts.host.logical_cpus = Fact<std::uint32_t>::known(8, "test");
  CHECK_FALSE(find(evaluate(facts), "image.more_vcpus_than_host"));
}

TEST_CASE("VM demands: more RAM than the host can spare, and unknown host RAM judges nothing") {
  FactSet facts;
  facts.image = disk("vdi", "dynamic");
  facts.image->vm_name = Fact<std::string>::known("Win11", "test");
  facts.image->ram_bytes = Fact<std::uint64_t>::known(8ull << 30, "test");
  facts.host.ram_bytes = Fact<std::uint64_t>::known(8ull << 30, "test");
  const auto findings = evaluate(facts);  // kept alive: find() points into it
  const Finding* ram = find(findings, "image.more_ram_than_host");
  REQUIRE(ram);
  CHECK(ev(*ram, "vm_ram") == "8.0 GiB");
  CHECK(ev(*ram, "host_ram") == "8.0 GiB");
  CHECK(ev(*ram, "suggested_ram") == "4.0 GiB");

  facts.host.ram_bytes = Fact<std::uint64_t>::known(16ull << 30, "test");  // 8 of 16 GiB leaves half
  CHECK_FALSE(find(evaluate(facts), "image.more_ram_than_host"));
  facts.host.ram_bytes = Fact<std::uint64_t>::unknown("no meminfo");
  CHECK_FALSE(find(evaluate(facts), "image.more_ram_than_host"));
}

TEST_CASE("every image finding renders in English and Chinese with its placeholders filled") {
  FactSet facts;
  facts.image = disk("qcow2", "dynamic");
  facts.image->largest_file_bytes = Fact<std::uint64_t>::known(5ull << 30, "test");
  for (const auto& f : evaluate(facts)) {
    for (Lang lang : {Lang::en, Lang::zh_CN}) {
      const auto r = render(f, Catalog::builtin(), lang, FixOs::Linux);
      INFO(f.id << " " << to_string(lang) << ": " << r.title << " / " << r.explanation << " / " << r.fix);
      CHECK(r.title.find("{{") == std::string::npos);
      CHECK(r.explanation.find("{{") == std::string::npos);
      CHECK(r.fix.find("{{") == std::string::npos);
    }
  }
}

TEST_CASE("a VM with several disks: every disk is judged, same-format disks share the advice") {
  FactSet facts;
  facts.image = disk("vmdk", "monolithicSparse");
  ImageFacts data = disk("vmdk", "monolithicSparse");
  data.path = data.disk_path = "/vms/data.vmdk";
  data.largest_file_bytes = Fact<std::uint64_t>::known(5ull << 30, "test");
  data.chain_state = Fact<std::string>::known("missing-parent", "test");
  data.chain_detail = "parent base.vmdk not found";
  ImageFacts other = disk("vhd", "dynamic");
  other.path = other.disk_path = "/vms/old.vhd";
  ImageFacts gone;
  gone.path = "/vms/gone.vdi";
  gone.format = Fact<std::string>::unknown("/vms/gone.vdi: No such file or directory");
  facts.image->other_disks = {data, other, gone};
  auto fs = evaluate(facts);

  // The boot disk's conversion advice is given once for the VMDK disks; the
  // VHD disk gets its own, naming its file.
  const Finding* hyperv = find(fs, "image.convert_for_hypervisor", "Hyper-V");
  REQUIRE(hyperv);
  CHECK(ev(*hyperv, "command") ==
        "qemu-img convert -p -O vhdx -o subformat=dynamic \"/vms/disk.vmdk\" \"/vms/disk.vhdx\" && "
        "qemu-img convert -p -O vhdx -o subformat=dynamic \"/vms/data.vmdk\" \"/vms/data.vhdx\"");
  CHECK_FALSE(find(fs, "image.convert_for_hypervisor", "Hyper-V (/vms/data.vmdk)"));
  const Finding* vhd = find(fs, "image.convert_for_hypervisor", "VMware (/vms/old.vhd)");
  REQUIRE(vhd);
  CHECK(ev(*vhd, "path") == "/vms/old.vhd");
  // Only the boot disk gets the dynamic/fixed note; the others' growth is
  // the free-space rule's business.
  int grows = 0;
  for (const auto& f : fs) grows += f.id == "image.dynamic_grows";
  CHECK(grows == 1);
  const Finding* big = find(fs, "image.large_single_file", "/vms/data.vmdk");
  REQUIRE(big);
  CHECK(ev(*big, "largest") == "5.0 GiB");
  const Finding* broken = find(fs, "image.chain_broken", "/vms/data.vmdk");
  REQUIRE(broken);
  CHECK(ev(*broken, "state") == "missing-parent");
  const Finding* unreadable = find(fs, "image.unreadable", "/vms/gone.vdi");
  REQUIRE(unreadable);
  CHECK(ev(*unreadable, "reason") == "/vms/gone.vdi: No such file or directory");
}
