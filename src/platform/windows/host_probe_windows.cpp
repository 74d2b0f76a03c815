// SPDX-License-Identifier: GPL-3.0-or-later
// The live Windows host: CPUID, IsProcessorFeaturePresent, WMI (COM), the
// registry and bcdedit. Every call's failure is stored in the snapshot as
// {"error": "..."} so the decoder reports it as the unknown reason.
#include "platform/windows/host_probe_windows.hpp"

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <intrin.h>
#include <oleauto.h>
#include <wbemidl.h>

#include <cstdio>
#include <string>

#include "core/log/log.hpp"
#include "platform/windows/decode/host_snapshot.hpp"

namespace vmstick::windows_backend {
namespace {

using json = nlohmann::json;

json error(const std::string& what) { return json{{"error", what}}; }

// A stuck WMI provider must not hang the check.
constexpr LONG kWmiTimeoutMs = 10000;

std::string narrow(const wchar_t* w) {
  if (!w) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
  if (n <= 1) return {};
  std::string s(static_cast<std::size_t>(n - 1), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w, -1, s.data(), n, nullptr, nullptr);
  return s;
}

std::string hex(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

json read_cpuid() {
  json lines = json::array();
  auto add = [&lines](unsigned leaf) {
    int r[4] = {0, 0, 0, 0};
    __cpuidex(r, static_cast<int>(leaf), 0);
    lines.push_back(hex(leaf) + " 0x00: eax=" + hex(static_cast<unsigned>(r[0])) + " ebx=" + hex(static_cast<unsigned>(r[1])) +
                    " ecx=" + hex(static_cast<unsigned>(r[2])) + " edx=" + hex(static_cast<unsigned>(r[3])));
  };
  for (unsigned leaf : {0x0u, 0x1u, 0x40000000u, 0x40000003u, 0x80000000u, 0x80000001u, 0x8000000Au}) add(leaf);
  return lines;
}

json variant_json(const VARIANT& v) {
  switch (v.vt) {
    case VT_NULL:
    case VT_EMPTY: return nullptr;
    case VT_BOOL: return v.boolVal != VARIANT_FALSE;
    case VT_I4: return static_cast<std::int64_t>(v.lVal);
    case VT_UI4: return static_cast<std::uint64_t>(v.ulVal);
    case VT_I2: return static_cast<std::int64_t>(v.iVal);
    case VT_UI2: return static_cast<std::uint64_t>(v.uiVal);
    case VT_UI1: return static_cast<std::uint64_t>(v.bVal);
    case VT_BSTR: {
      // WMI hands 64-bit integers (TotalPhysicalMemory) over as strings.
      std::string s = narrow(v.bstrVal);
      if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 20) return std::stoull(s);
      return s;
    }
    default: break;
  }
  if ((v.vt & VT_ARRAY) && (v.vt & ~VT_ARRAY) == VT_I4 && v.parray) {
    json arr = json::array();
    LONG lo = 0, hi = -1;
    SafeArrayGetLBound(v.parray, 1, &lo);
    SafeArrayGetUBound(v.parray, 1, &hi);
    for (LONG i = lo; i <= hi && arr.size() < 64; ++i) {
      LONG x = 0;
      if (SafeArrayGetElement(v.parray, &i, &x) == S_OK) arr.push_back(static_cast<std::int64_t>(x));
    }
    return arr;
  }
  return error("unsupported VARIANT type " + std::to_string(v.vt));
}

// One WMI query; the first row's named properties (or every row's Name → InstallState for features).
class Wmi {
 public:
  ~Wmi() {
    if (svc_) svc_->Release();
    if (loc_) loc_->Release();
  }
  std::string connect(const wchar_t* ns) {
    if (svc_) svc_->Release();
    svc_ = nullptr;
    if (!loc_ && FAILED(CoCreateInstance(CLSID_WbemLocator, nullptr, CLSCTX_INPROC_SERVER, IID_IWbemLocator,
                                         reinterpret_cast<void**>(&loc_)))) {
      return "cannot create the WMI locator";
    }
    BSTR name = SysAllocString(ns);
    HRESULT hr = loc_->ConnectServer(name, nullptr, nullptr, nullptr, 0, nullptr, nullptr, &svc_);
    SysFreeString(name);
    if (FAILED(hr)) return "cannot connect to WMI namespace (HRESULT " + hex(static_cast<unsigned>(hr)) + ")";
    CoSetProxyBlanket(svc_, RPC_C_AUTHN_WINNT, RPC_C_AUTHZ_NONE, nullptr, RPC_C_AUTHN_LEVEL_CALL,
                      RPC_C_IMP_LEVEL_IMPERSONATE, nullptr, EOAC_NONE);
    return {};
  }
  // Rows of the query, each an object of the listed properties.
  json query(const wchar_t* wql, std::initializer_list<const wchar_t*> props, std::size_t max_rows = 256) {
    if (!svc_) return error("not connected to WMI");
    BSTR lang = SysAllocString(L"WQL");
    BSTR q = SysAllocString(wql);
    IEnumWbemClassObject* en = nullptr;
    HRESULT hr = svc_->ExecQuery(lang, q, WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY, nullptr, &en);
    SysFreeString(lang);
    SysFreeString(q);
    if (FAILED(hr)) return error("WMI query failed (HRESULT " + hex(static_cast<unsigned>(hr)) + ")");
    json rows = json::array();
    IWbemClassObject* obj = nullptr;
    ULONG got = 0;
    while (rows.size() < max_rows && en->Next(kWmiTimeoutMs, 1, &obj, &got) == S_OK && got == 1) {
      json row = json::object();
      for (const wchar_t* p : props) {
        VARIANT v;
        VariantInit(&v);
        row[narrow(p)] = SUCCEEDED(obj->Get(p, 0, &v, nullptr, nullptr)) ? variant_json(v) : error("property missing");
        VariantClear(&v);
      }
      rows.push_back(std::move(row));
      obj->Release();
    }
    en->Release();
    return rows;
  }

 private:
  IWbemLocator* loc_{nullptr};
  IWbemServices* svc_{nullptr};
};

json first_row(const json& rows) {
  if (rows.is_array() && !rows.empty()) return rows[0];
  if (rows.is_object()) return rows;  // an error
  return error("the query returned no rows");
}

void read_wmi(json& snap) {
  Wmi wmi;
  if (auto err = wmi.connect(L"ROOT\\CIMV2"); !err.empty()) {
    snap["win32_processor"] = snap["win32_computersystem"] = snap["optional_features"] = error(err);
  } else {
    snap["win32_processor"] = first_row(wmi.query(
        L"SELECT Name, Manufacturer, NumberOfLogicalProcessors, VirtualizationFirmwareEnabled, VMMonitorModeExtensions, "
        L"SecondLevelAddressTranslationExtensions FROM Win32_Processor",
        {L"Name", L"Manufacturer", L"NumberOfLogicalProcessors", L"VirtualizationFirmwareEnabled",
         L"VMMonitorModeExtensions", L"SecondLevelAddressTranslationExtensions"}));
    snap["win32_computersystem"] = first_row(wmi.query(L"SELECT HypervisorPresent, TotalPhysicalMemory FROM Win32_ComputerSystem",
                                                       {L"HypervisorPresent", L"TotalPhysicalMemory"}));
    json rows = wmi.query(
        L"SELECT Name, InstallState FROM Win32_OptionalFeature WHERE Name='Microsoft-Hyper-V-All' OR "
        L"Name='Microsoft-Hyper-V' OR Name='VirtualMachinePlatform' OR Name='HypervisorPlatform' OR "
        L"Name='Containers-DisposableClientVM' OR Name='Windows-Defender-ApplicationGuard'",
        {L"Name", L"InstallState"});
    json features = json::object();
    if (rows.is_array()) {
      for (const auto& r : rows) {
        if (r["Name"].is_string()) features[r["Name"].get<std::string>()] = r["InstallState"];
      }
      snap["optional_features"] = features;
    } else {
      snap["optional_features"] = rows;
    }
  }
  if (auto err = wmi.connect(L"ROOT\\Microsoft\\Windows\\DeviceGuard"); !err.empty()) {
    snap["win32_deviceguard"] = error(err);
  } else {
    snap["win32_deviceguard"] = first_row(wmi.query(
        L"SELECT VirtualizationBasedSecurityStatus, SecurityServicesRunning FROM Win32_DeviceGuard",
        {L"VirtualizationBasedSecurityStatus", L"SecurityServicesRunning"}));
  }
}

std::string reg_string(HKEY key, const wchar_t* name) {
  wchar_t buf[512];
  DWORD size = sizeof buf;
  DWORD type = 0;
  if (RegQueryValueExW(key, name, nullptr, &type, reinterpret_cast<BYTE*>(buf), &size) != ERROR_SUCCESS || type != REG_SZ) {
    return {};
  }
  buf[std::min<DWORD>(size / sizeof(wchar_t), 511)] = L'\0';
  return narrow(buf);
}

json read_uninstall() {
  json out = json::array();
  for (const wchar_t* root : {L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
                              L"SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall"}) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, root, 0, KEY_READ, &key) != ERROR_SUCCESS) continue;
    wchar_t sub[256];
    for (DWORD i = 0; out.size() < 4096; ++i) {
      DWORD len = 256;
      if (RegEnumKeyExW(key, i, sub, &len, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) break;
      HKEY app = nullptr;
      if (RegOpenKeyExW(key, sub, 0, KEY_READ, &app) != ERROR_SUCCESS) continue;
      std::string name = reg_string(app, L"DisplayName");
      if (!name.empty()) {
        out.push_back({{"DisplayName", name},
                       {"DisplayVersion", reg_string(app, L"DisplayVersion")},
                       {"InstallLocation", reg_string(app, L"InstallLocation")}});
      }
      RegCloseKey(app);
    }
    RegCloseKey(key);
  }
  return out;
}

// bcdedit needs administrator rights; without them it fails and we say so.
json read_launch_type() {
  FILE* p = _popen("bcdedit /enum {current} 2>NUL", "r");
  if (!p) return error("cannot run bcdedit");
  std::string out;
  char buf[512];
  while (out.size() < (1u << 16) && std::fgets(buf, sizeof buf, p)) out += buf;
  const int rc = _pclose(p);
  if (rc != 0) return error("bcdedit failed; it needs administrator rights (run vmstick as administrator for this check)");
  auto pos = out.find("hypervisorlaunchtype");
  if (pos == std::string::npos) return "Auto";  // absent means the default, Auto
  auto eol = out.find_first_of("\r\n", pos);
  std::string line = out.substr(pos + 20, eol == std::string::npos ? std::string::npos : eol - pos - 20);
  auto b = line.find_first_not_of(" \t");
  return b == std::string::npos ? json(error("empty hypervisorlaunchtype")) : json(line.substr(b));
}

json os_version() {
  using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
  HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  auto fn = ntdll ? reinterpret_cast<RtlGetVersionFn>(reinterpret_cast<void*>(GetProcAddress(ntdll, "RtlGetVersion"))) : nullptr;
  if (!fn) return error("RtlGetVersion not available");
  OSVERSIONINFOW vi{};
  vi.dwOSVersionInfoSize = sizeof vi;
  if (fn(&vi) != 0) return error("RtlGetVersion failed");
  return std::to_string(vi.dwMajorVersion) + "." + std::to_string(vi.dwMinorVersion) + "." + std::to_string(vi.dwBuildNumber);
}

}  // namespace

json read_host_snapshot() {
  json snap = json::object();
  snap["os_version"] = os_version();
  SYSTEM_INFO si{};
  GetNativeSystemInfo(&si);
  snap["native_arch"] = static_cast<std::uint64_t>(si.wProcessorArchitecture);
  if (si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64 || si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL) {
    snap["cpuid"] = read_cpuid();
  } else {
    snap["cpuid"] = error("no CPUID on this processor architecture");
  }
  snap["pf_virt_firmware_enabled"] = IsProcessorFeaturePresent(PF_VIRT_FIRMWARE_ENABLED) != 0;
  snap["pf_slat"] = IsProcessorFeaturePresent(PF_SECOND_LEVEL_ADDRESS_TRANSLATION) != 0;
  const HRESULT init = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
  if (SUCCEEDED(init) || init == RPC_E_CHANGED_MODE) {
    CoInitializeSecurity(nullptr, -1, nullptr, nullptr, RPC_C_AUTHN_LEVEL_DEFAULT, RPC_C_IMP_LEVEL_IMPERSONATE, nullptr,
                         EOAC_NONE, nullptr);
    read_wmi(snap);
    if (SUCCEEDED(init)) CoUninitialize();
  } else {
    snap["win32_processor"] = snap["win32_computersystem"] = snap["win32_deviceguard"] = snap["optional_features"] =
        error("COM could not be initialised");
  }
  snap["hypervisorlaunchtype"] = read_launch_type();
  snap["uninstall"] = read_uninstall();
  return snap;
}

void HostProbe::run(const ProbeContext& ctx, FactSet& facts) const {
  (void)ctx;  // Windows state is read through its APIs; --root replays apply to Linux trees only
  json snap = read_host_snapshot();
  log::get("probe.host")->debug("Windows host snapshot: {}", snap.dump());
  facts.host = windows_decode::decode_host_snapshot(snap);
}

}  // namespace vmstick::windows_backend
