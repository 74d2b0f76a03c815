// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Decoders for the IOKit registry properties the macOS drive probe reads
// (IOUSBHostDevice, the mass-storage driver's class, IOMedia), given as the
// JSON form of the property dictionary (what `ioreg -a` prints, converted;
// the real probe builds the same JSON from CFDictionary values).
#include <nlohmann/json.hpp>

#include "core/facts/drive_facts.hpp"

namespace vmstick::macos_decode {

// IOUSBHostDevice properties: "Device Speed", "bcdUSB", "idVendor",
// "idProduct", "USB Product Name", "locationID", "UsbPowerSinkAllocation".
void decode_usb_host_device(const nlohmann::json& props, UsbLinkFacts& out);

// The IOKit class of the driver bound to the mass-storage interface:
// IOUSBMassStorageUASDriver (UAS) or IOUSBMassStorageDriver /
// IOUSBMassStorageInterfaceNub (Bulk-Only).
void decode_mass_storage_driver(const std::string& io_class, UsbLinkFacts& out);

// IOMedia properties of a whole disk: "BSD Name", "Size", "Removable",
// "Writable", "Preferred Block Size", "Content" (partition scheme).
void decode_iomedia_disk(const nlohmann::json& props, DriveFacts& out);

}  // namespace vmstick::macos_decode
