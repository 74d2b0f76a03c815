// SPDX-License-Identifier: GPL-3.0-or-later
// Support table: VirtualBox manual "Disk Image Files" (VDI, VMDK, VHD; VHDX
// read-only), VMware (VMDK; streamOptimized must be imported), Hyper-V
// (VHD/VHDX; Generation 2 boots only from VHDX), QEMU block drivers (all, but
// no differencing VDI/VHDX and no legacy AES qcow2 in system emulators), UTM
// (QEMU on macOS; qcow2 and raw as is).
#include "core/rules/image_support.hpp"

#include <filesystem>

#include "core/findings/catalog.hpp"

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
    vbox.why = phrase("why.virtualbox_vhdx");
    vbox.command = "VBoxManage clonemedium disk " + quoted(in) + " " + quoted(out_path(in, ".vdi", "vbox")) + " --format VDI";
  } else if (f == "raw") {
    vbox.why = phrase("why.virtualbox_raw");
    vbox.command = "VBoxManage convertfromraw " + quoted(in) + " " + quoted(out_path(in, ".vdi", "vbox")) + " --format VDI";
  } else {
    // The phrase names the format from the finding's "format" evidence.
    vbox.why = phrase(stream ? "why.virtualbox_stream_optimized" : "why.virtualbox_format");
    vbox.command = qemu_img(in, "vdi", "", ".vdi", "vbox");
  }
  out.push_back(vbox);

  Support vmw{"VMware", false, "", ""};
  if ((f == "vmdk" && !stream) || f == "iso") {
    vmw.native = true;
  } else if (stream) {
    vmw.why = phrase("why.vmware_stream_optimized");
    vmw.command = "vmware-vdiskmanager -r " + quoted(in) + " -t 0 " + quoted(out_path(in, ".vmdk", "vmware"));
  } else {
    vmw.why = phrase("why.vmware_vmdk_only");
    vmw.command = qemu_img(in, "vmdk", "subformat=monolithicSparse", ".vmdk", "vmware");
  }
  out.push_back(vmw);

  Support hv{"Hyper-V", false, "", ""};
  if (f == "vhdx" || f == "iso") {
    hv.native = true;
  } else if (f == "vhd" && !i.firmware.is("efi")) {
    hv.native = true;
  } else if (f == "vhd") {
    hv.why = phrase("why.hyperv_uefi_needs_vhdx");
    hv.command = "Convert-VHD -Path " + quoted(in) + " -DestinationPath " + quoted(out_path(in, ".vhdx", "hyperv"));
  } else {
    hv.why = phrase("why.hyperv_vhd_vhdx_only");
    hv.command = qemu_img(in, "vhdx", "subformat=dynamic", ".vhdx", "hyperv");
  }
  out.push_back(hv);

  Support qemu{"QEMU/KVM", true, "", ""};
  if (f == "vdi" && diff) {
    qemu = {"QEMU/KVM", false, phrase("why.qemu_vdi_differencing"), "VBoxManage clonemedium disk " + quoted(in) + " " + quoted(out_path(in, ".vdi", "merged")) + " --format VDI"};
  } else if (f == "vhdx" && diff) {
    qemu = {"QEMU/KVM", false, phrase("why.qemu_vhdx_differencing"), "Convert-VHD -Path " + quoted(in) + " -DestinationPath " + quoted(out_path(in, ".vhdx", "merged")) + " -VHDType Dynamic"};
  } else if (f == "qcow2" && i.encryption.is("aes")) {
    qemu = {"QEMU/KVM", false, phrase("why.qemu_legacy_aes"), "qemu-img convert -p --object secret,id=sec0,file=KEYFILE --image-opts driver=qcow2,file.filename=" + in + ",encrypt.key-secret=sec0 -O qcow2 " + quoted(out_path(in, ".qcow2", "plain"))};
  }
  out.push_back(qemu);

  Support utm{"UTM", false, "", ""};
  if (f == "qcow2" || f == "raw" || f == "iso") {
    utm.native = !(f == "qcow2" && i.encryption.is("aes"));
  }
  if (!utm.native) {
    utm.why = phrase("why.utm_qcow2_raw");
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
