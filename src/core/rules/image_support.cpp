// SPDX-License-Identifier: GPL-3.0-or-later
// Support table: VirtualBox manual "Disk Image Files" (VDI, VMDK, VHD; VHDX
// read-only), VMware (VMDK; streamOptimized must be imported), Hyper-V
// (VHD/VHDX; Generation 2 boots only from VHDX), QEMU block drivers (all, but
// no differencing VDI/VHDX and no legacy AES qcow2 in system emulators), UTM
// (QEMU on macOS; qcow2 and raw as is).
#include "core/rules/image_support.hpp"

#include <filesystem>

namespace vmstick::image_rules {
namespace {

std::string quoted(const std::string& p) { return "\"" + p + "\""; }

std::string out_path(const std::string& in, const std::string& ext, const std::string& tag) {
  std::filesystem::path p(in);
  std::filesystem::path out = p.parent_path() / (p.stem().string() + (p.extension() == ext ? "-" + tag : std::string()) + ext);
  return out.string();
}

std::string qemu_img(const std::string& in, const std::string& fmt, const std::string& opts, const std::string& ext, const std::string& tag) {
  return "qemu-img convert -p -O " + fmt + (opts.empty() ? "" : " -o " + opts) + " " + quoted(in) + " " + quoted(out_path(in, ext, tag));
}

}  // namespace

std::vector<Support> hypervisor_support(const ImageFacts& i) {
  const std::string in = i.disk_path.empty() ? i.path : i.disk_path;
  const std::string f = i.format.is_known() ? i.format.value() : "";
  const bool diff = i.variant.is("differencing");
  const bool stream = i.variant.is("streamOptimized");
  std::vector<Support> out;

  Support vbox{"VirtualBox", false, "", ""};
  if (f == "vdi" || f == "vhd" || f == "iso" || (f == "vmdk" && !stream)) {
    vbox.native = true;
  } else if (f == "vhdx") {
    vbox.why = "VirtualBox opens VHDX read-only, so a VM cannot run from it";
    vbox.command = "VBoxManage clonemedium disk " + quoted(in) + " " + quoted(out_path(in, ".vdi", "vbox")) + " --format VDI";
  } else if (f == "raw") {
    vbox.why = "VirtualBox attaches raw disk images only through a conversion";
    vbox.command = "VBoxManage convertfromraw " + quoted(in) + " " + quoted(out_path(in, ".vdi", "vbox")) + " --format VDI";
  } else {
    vbox.why = stream ? "VirtualBox imports stream-optimized VMDKs (OVA) but does not run from them" : "VirtualBox cannot run from " + f;
    vbox.command = qemu_img(in, "vdi", "", ".vdi", "vbox");
  }
  out.push_back(vbox);

  Support vmw{"VMware", false, "", ""};
  if ((f == "vmdk" && !stream) || f == "iso") {
    vmw.native = true;
  } else if (stream) {
    vmw.why = "VMware imports stream-optimized VMDKs but does not run from them";
    vmw.command = "vmware-vdiskmanager -r " + quoted(in) + " -t 0 " + quoted(out_path(in, ".vmdk", "vmware"));
  } else {
    vmw.why = "VMware runs VMs from VMDK only";
    vmw.command = qemu_img(in, "vmdk", "subformat=monolithicSparse", ".vmdk", "vmware");
  }
  out.push_back(vmw);

  Support hv{"Hyper-V", false, "", ""};
  if (f == "vhdx" || f == "iso") {
    hv.native = true;
  } else if (f == "vhd" && !i.firmware.is("efi")) {
    hv.native = true;
  } else if (f == "vhd") {
    hv.why = "this VM boots with UEFI, and Hyper-V Generation 2 VMs boot only from VHDX";
    hv.command = "Convert-VHD -Path " + quoted(in) + " -DestinationPath " + quoted(out_path(in, ".vhdx", "hyperv"));
  } else {
    hv.why = "Hyper-V runs VMs from VHD and VHDX only";
    hv.command = qemu_img(in, "vhdx", "subformat=dynamic", ".vhdx", "hyperv");
  }
  out.push_back(hv);

  Support qemu{"QEMU/KVM", true, "", ""};
  if (f == "vdi" && diff) {
    qemu = {"QEMU/KVM", false, "QEMU does not read VDI differencing images", "VBoxManage clonemedium disk " + quoted(in) + " " + quoted(out_path(in, ".vdi", "merged")) + " --format VDI"};
  } else if (f == "vhdx" && diff) {
    qemu = {"QEMU/KVM", false, "QEMU does not read differencing VHDX images", "Convert-VHD -Path " + quoted(in) + " -DestinationPath " + quoted(out_path(in, ".vhdx", "merged")) + " -VHDType Dynamic"};
  } else if (f == "qcow2" && i.encryption.is("aes")) {
    qemu = {"QEMU/KVM", false, "QEMU system emulators refuse the legacy AES qcow2 encryption", "qemu-img convert -p --object secret,id=sec0,file=KEYFILE --image-opts driver=qcow2,file.filename=" + in + ",encrypt.key-secret=sec0 -O qcow2 " + quoted(out_path(in, ".qcow2", "plain"))};
  }
  out.push_back(qemu);

  Support utm{"UTM", false, "", ""};
  if (f == "qcow2" || f == "raw" || f == "iso") {
    utm.native = !(f == "qcow2" && i.encryption.is("aes"));
  }
  if (!utm.native) {
    utm.why = "UTM runs VMs from qcow2 or raw images";
    utm.command = qemu_img(in, "qcow2", "", ".qcow2", "utm");
  }
  out.push_back(utm);
  return out;
}

std::string split_command(const ImageFacts& i) {
  const std::string in = i.disk_path.empty() ? i.path : i.disk_path;
  if (i.format.is("vmdk")) return "vmware-vdiskmanager -r " + quoted(in) + " -t 1 " + quoted(out_path(in, ".vmdk", "split"));
  return qemu_img(in, "vmdk", "subformat=twoGbMaxExtentSparse", ".vmdk", "split");
}

}  // namespace vmstick::image_rules
