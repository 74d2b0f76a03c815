// SPDX-License-Identifier: GPL-3.0-or-later
// VM configuration parsers on sample files written from each format's
// documentation (tests/fixtures/vm-configs/), and VM folders end to end.
#include <unistd.h>

#include "core/probes/image/input.hpp"
#include "core/probes/image/vm_config.hpp"
#include "image_support.hpp"
#include "support/error_of.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
using namespace vmstick::test;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path config(const std::string& name) { return fixture("vm-configs") / name; }

image::VmConfig parsed(const std::string& name) {
  const std::string text = slurp(config(name));
  const std::string ext = fs::path(name).extension().string();
  auto r = ext == ".vbox" ? image::parse_vbox(text, name) : ext == ".vmx" ? image::parse_vmx(text, name) : image::parse_libvirt(text, name);
  INFO(name << ": " << test::error_of(r));
  REQUIRE(r.ok());
  return std::move(r).value();
}

}  // namespace

TEST_CASE(".vbox settings 1.16: BIOS, IDE, the attached disk is the snapshot's differencing child") {
  auto c = parsed("vbox-1.16-bios-ide-snapshot.vbox");
  CHECK(c.name == "Win7 Travel");
  CHECK(c.guest_os == "Windows7");
  CHECK(c.arch == "x86");
  CHECK(c.vcpus == 2u);
  CHECK(c.ram_bytes == 2048ull << 20);
  CHECK(c.firmware == "bios");
  CHECK(c.tpm == false);
  CHECK_FALSE(c.secure_boot.has_value());  // kept in the NVRAM file, not the .vbox
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].path == "Snapshots/{c2a7e9d4-1b3f-4e6a-9d8c-0f5e2a7b4c33}.vdi");
  CHECK(c.disks[0].controller == "ide");
  CHECK(c.encrypted == false);
}

TEST_CASE(".vbox settings 1.19: EFI, TPM 2.0, NVMe, encrypted medium") {
  auto c = parsed("vbox-1.19-efi-tpm-nvme-encrypted.vbox");
  CHECK(c.guest_os == "Windows11_64");
  CHECK(c.arch == "x86_64");
  CHECK(c.vcpus == 4u);
  CHECK(c.ram_bytes == 8192ull << 20);
  CHECK(c.firmware == "efi");
  CHECK(c.tpm == true);
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].controller == "nvme");
  CHECK(c.disks[0].encrypted);
  CHECK(c.encrypted == true);
}

TEST_CASE(".vbox settings 1.20: CPU and firmware under <Platform>, ARM guest") {
  auto c = parsed("vbox-1.20-platform-arm.vbox");
  CHECK(c.arch == "aarch64");
  CHECK(c.vcpus == 6u);
  CHECK(c.firmware == "efi");
  CHECK(c.ram_bytes == 4096ull << 20);
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].controller == "virtio");
  CHECK(c.disks[0].path == "ubuntu.vmdk");
}

TEST_CASE(".vmx: Windows 11 with EFI, Secure Boot, vTPM, NVMe and VM encryption (the ISO is not a disk)") {
  auto c = parsed("win11-efi-tpm-nvme.vmx");
  CHECK(c.name == "Windows 11 x64");
  CHECK(c.guest_os == "windows11-64");
  CHECK(c.arch == "x86_64");
  CHECK(c.ram_bytes == 8192ull << 20);
  CHECK(c.vcpus == 4u);
  CHECK(c.firmware == "efi");
  CHECK(c.secure_boot == true);
  CHECK(c.tpm == true);
  CHECK(c.encrypted == true);
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].path == "Windows 11 x64.vmdk");
  CHECK(c.disks[0].controller == "nvme");
}

TEST_CASE(".vmx: no firmware key means BIOS, no numvcpus means VMware's default of one") {
  auto c = parsed("debian-bios-scsi.vmx");
  CHECK(c.firmware == "bios");
  CHECK(c.vcpus == 1u);
  CHECK(c.secure_boot == false);
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].controller == "scsi");
}

TEST_CASE("libvirt XML: EFI with Secure Boot, TPM, virtio disk (the CD-ROM is not a disk)") {
  auto c = parsed("libvirt-efi-secureboot-tpm-virtio.xml");
  CHECK(c.name == "fedora");
  CHECK(c.ram_bytes == 4ull << 30);
  CHECK(c.vcpus == 2u);
  CHECK(c.firmware == "efi");
  CHECK(c.secure_boot == true);
  CHECK(c.tpm == true);
  CHECK(c.arch == "x86_64");
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].path == "fedora.qcow2");
  CHECK(c.disks[0].controller == "virtio");
}

TEST_CASE("libvirt XML: memory in GiB, BIOS, SATA, LUKS-encrypted source") {
  auto c = parsed("libvirt-bios-sata-gib.xml");
  CHECK(c.ram_bytes == 3ull << 30);
  CHECK(c.vcpus == 64u);
  CHECK(c.firmware == "bios");
  CHECK(c.arch == "i686");
  REQUIRE(c.disks.size() == 1);
  CHECK(c.disks[0].controller == "sata");
  CHECK(c.disks[0].encrypted);
}

TEST_CASE("config parsers reject what is not their format with a message naming the file") {
  auto a = image::parse_vbox("<VirtualBox><Machine", "x.vbox");
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().code == ErrorCode::Corrupt);
  CHECK(a.error().context == "x.vbox");
  CHECK(a.error().message.find("not well-formed") != std::string::npos);
  auto b = image::parse_libvirt("<notadomain/>", "d.xml");
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message == "libvirt XML: no <domain> element");
  auto c = image::parse_vmx("hello = \"world\"\n", "v.vmx");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("guestOS") != std::string::npos);
}

TEST_CASE("a VirtualBox VM folder: config found, snapshot chain followed to the base VDI") {
  const fs::path dir = temp_dir("cfg_vbox_" + std::to_string(getpid()));
  fs::copy_file(config("vbox-1.16-bios-ide-snapshot.vbox"), dir / "Win7 Travel.vbox");
  fs::create_directories(dir / "Snapshots");
  const fs::path base = dir / "Win7.vdi";
  const fs::path child = dir / "Snapshots" / "{c2a7e9d4-1b3f-4e6a-9d8c-0f5e2a7b4c33}.vdi";
  must("qemu-img create -q -f vdi " + q(base) + " 64M");
  must("qemu-img create -q -f vdi " + q(child) + " 64M");
  patch(child, 0x4C, le_bytes(4, 4));
  patch(child, 0x1A8, read_file(base, 0x188, 16));
  const ImageFacts f = image::analyse_input(dir, image::FileOpener{});
  CHECK(f.config_kind.is("vbox"));
  CHECK(f.vm_name.is("Win7 Travel"));
  CHECK(f.vcpus.is(2u));
  CHECK(f.disk_controller.is("ide"));
  CHECK(f.format.is("vdi"));
  CHECK(f.variant.is("differencing"));
  CHECK(f.chain_state.is("complete"));
  CHECK(f.file_count.is(2u));
  CHECK(f.virtual_size_bytes.is(64ull << 20));
}

TEST_CASE("a libvirt XML names its qcow2 disk relative to the XML's folder") {
  const fs::path dir = temp_dir("cfg_libvirt_" + std::to_string(getpid()));
  fs::copy_file(config("libvirt-efi-secureboot-tpm-virtio.xml"), dir / "fedora.xml");
  must("qemu-img create -q -f qcow2 " + q(dir / "fedora.qcow2") + " 128M");
  const ImageFacts f = image::analyse_input(dir / "fedora.xml", image::FileOpener{});
  CHECK(f.config_kind.is("libvirt"));
  CHECK(f.format.is("qcow2"));
  CHECK(f.virtual_size_bytes.is(128ull << 20));
  CHECK(f.firmware.is("efi"));
  CHECK(f.secure_boot.is(true));
  CHECK(f.tpm.is(true));
  CHECK(f.ram_bytes.is(4ull << 30));
}

TEST_CASE("a Windows path in a .vbox falls back to the file of that name beside the config") {
  const fs::path dir = temp_dir("cfg_vbox_win_" + std::to_string(getpid()));
  fs::copy_file(config("vbox-1.19-efi-tpm-nvme-encrypted.vbox"), dir / "Win11.vbox");
  // The stored path is C:\Users\ann\...\Win11.vdi; only the file name matches here.
  must("qemu-img create -q -f vdi " + q(dir / "Win11.vdi") + " 1M");
  const ImageFacts f = image::analyse_input(dir / "Win11.vbox", image::FileOpener{});
  CHECK(f.encrypted.is(true));
  CHECK(f.encryption.is("virtualbox"));
  CHECK(f.tpm.is(true));
  CHECK(f.format.is("vdi"));
  CHECK(f.disk_path == (dir / "Win11.vdi").string());
}

TEST_CASE("a Hyper-V VM folder: .vmcx is not read, the .avhdx beside it is analysed and we say so") {
  const fs::path dir = temp_dir("cfg_hyperv_" + std::to_string(getpid()));
  fs::create_directories(dir / "Virtual Machines");
  fs::create_directories(dir / "Virtual Hard Disks");
  { std::ofstream(dir / "Virtual Machines" / "5C1D1F2E-0000-4000-8000-000000000001.vmcx") << "binary"; }
  must("qemu-img create -q -f vhdx " + q(dir / "Virtual Hard Disks" / "disk.vhdx") + " 64M");
  const ImageFacts f = image::analyse_input(dir, image::FileOpener{});
  CHECK(f.config_kind.is("hyperv"));
  CHECK(f.format.is("vhdx"));
  CHECK_FALSE(f.ram_bytes.is_known());
  CHECK(f.ram_bytes.reason() == "Hyper-V .vmcx cannot be read");
  REQUIRE_FALSE(f.notes.empty());
  CHECK(f.notes.front().find("binary format") != std::string::npos);
}
