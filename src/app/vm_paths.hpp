// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What may be dropped on the window or chosen with "Choose VM…".
#include <QString>
#include <QStringList>

namespace vmstick::gui {

// Name filters for the file dialog: VM configs and disk images.
QStringList vm_name_filters();
// A VM folder, a .vbox/.vmx config or a disk image (by name; the image
// probe decides what it really is).
bool looks_like_vm(const QString& path);

}  // namespace vmstick::gui
