#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Fills vmstick_zh_CN.ts from the table below after `update_translations`
# added new source texts. Entries already translated are kept; texts missing
# from the table stay "unfinished" and the script lists them.
import sys
import xml.etree.ElementTree as ET

ZH = {
    "Yes": "是", "No": "否", "%1 MB/s": "%1 MB/s", "—": "—", "None": "无", "Score": "评分",
    "HTML report with the plan (*.html)": "含方案的 HTML 报告 (*.html)",
    "Score and expected boot time": "评分与预计启动时间",
    "Your hypervisors": "已安装的虚拟机软件",
    "Speed test results": "速度测试结果",
    "Operating system": "操作系统", "Architecture": "架构", "CPU vendor": "CPU 厂商", "CPU model": "CPU 型号",
    "CPU flags": "CPU 特性标志", "Logical CPUs": "逻辑 CPU 数", "Hardware virtualization": "硬件虚拟化",
    "Running inside a VM": "运行在虚拟机中", "Installed hypervisors": "已安装的虚拟化软件",
    "Holding VT-x/AMD-V": "占用 VT-x/AMD-V 的程序", "Memory": "内存", "Device": "设备", "Vendor": "厂商",
    "Model": "型号", "Capacity": "容量", "Removable": "可移动", "USB link speed": "USB 连接速度",
    "Transport": "传输方式", "Filesystem": "文件系统", "Partitions": "分区", "Mounted at": "挂载位置",
    "Free space": "可用空间", "Path": "路径", "Format": "格式", "Virtual size": "虚拟大小",
    "Tested folder": "测试的文件夹", "Sequential read": "顺序读取", "Sequential write": "顺序写入",
    "Unknown — %1": "未知 — %1", "vmstick": "vmstick", "This computer": "这台电脑",
    "Facts about this computer": "这台电脑的信息", "Fact": "项目", "Value": "值", "USB stick": "U盘",
    "Plug in a USB stick or choose a folder.": "请插入U盘，或选择一个文件夹。", "Drives": "驱动器",
    "Facts about the selected drive": "所选驱动器的信息", "Choose &folder…": "选择文件夹(&F)…",
    "Run &speed test…": "运行速度测试(&S)…", "Speed test progress": "速度测试进度", "&Cancel": "取消(&C)",
    "Measured speed": "测得的速度", "VM image": "虚拟机镜像", "Choose &VM…": "选择虚拟机(&V)…",
    "Or drop a VM folder, .vbox, .vmx or disk image on this window.":
        "也可以把虚拟机文件夹、.vbox、.vmx 或磁盘镜像拖到这个窗口上。",
    "Facts about the VM image": "虚拟机镜像的信息", "Checking…": "正在检查…", "Verdict": "结论",
    "Result per area": "各方面的结果", "Area": "方面", "Result": "结果", "Check progress": "检查进度",
    "Findings": "检查结果", "Finding": "检查项", "Finding details": "检查项详情", "Check &again": "重新检查(&A)",
    "Copy &fix": "复制解决方法(&F)", "Copy s&ummary": "复制摘要(&U)", "&Export report…": "导出报告(&E)…",
    "&File": "文件(&F)", "&Tools": "工具(&T)", "&Language": "语言(&L)", "Log": "日志",
    "Ctrl+O": "Ctrl+O", "Ctrl+S": "Ctrl+S", "Ctrl+Shift+C": "Ctrl+Shift+C", "&Quit": "退出(&Q)", "Ctrl+Q": "Ctrl+Q",
    "&Plan a portable VM…": "规划便携虚拟机(&P)…", "Ctrl+P": "Ctrl+P", "F5": "F5", "Open &log": "打开日志(&L)",
    "&System language": "跟随系统语言(&S)", "OK": "正常", "Info": "提示", "Warning": "警告", "Blocker": "阻碍",
    "How to fix": "解决方法", "Evidence": "依据",
    "vmstick has to stop because of an internal error:\n%1\n\nThe log has the details:\n%2":
        "vmstick 因内部错误必须退出：\n%1\n\n详细信息见日志：\n%2",
    "The check stopped with an unexpected error.": "检查因意外错误而中止。",
    "Virtualization": "虚拟化", "Hypervisor conflicts": "虚拟化软件冲突", "USB link": "USB 连接",
    "Filesystem and layout": "文件系统与分区布局", "Storage speed": "存储速度",
    "Measuring the drive's speed…": "正在测量驱动器速度…", "Speed test": "速度测试",
    "Choose the USB stick (or a folder on it) first: the speed test measures the drive you select.":
        "请先选择U盘（或其中的文件夹）：速度测试测量的是您所选的驱动器。",
    "Run the speed test?": "运行速度测试？",
    "The speed test writes a temporary test file into\n%1\nreads it back and deletes it. Nothing else on the drive is changed. It can take a minute; you can cancel at any time.":
        "速度测试会在\n%1\n中写入一个临时测试文件，读回后将其删除。驱动器上的其他内容不会改变。测试可能需要一分钟左右，您可以随时取消。",
    "Cancelled.": "已取消。", "(no log file)": "（没有日志文件）", "The check failed.": "检查失败。",
    "The check stopped with an error:\n%1\n\nDetails are in the log:\n%2": "检查因错误而中止：\n%1\n\n详细信息见日志：\n%2",
    "No problems found.": "没有发现问题。", "Some things need attention.": "有些地方需要注意。",
    "A VM cannot run well here until the problems below are fixed.": "在解决下列问题之前，虚拟机无法在这里良好运行。",
    "Not checked": "未检查",
    "Choose a VM image, VM configuration or VM folder": "选择虚拟机镜像、虚拟机配置文件或虚拟机文件夹",
    "Choose the USB stick or a folder on it": "选择U盘或其中的文件夹", "JSON report (*.json)": "JSON 报告 (*.json)",
    "HTML report (*.html)": "HTML 报告 (*.html)", "Export report": "导出报告",
    "The report could not be written:\n%1": "无法写入报告：\n%1", "Report written to %1": "报告已写入 %1",
    "Summary copied.": "摘要已复制。", "Fix copied.": "解决方法已复制。", "Open log": "打开日志",
    "There is no log file; the log panel shows this session.": "没有日志文件；日志面板显示本次运行的日志。",
    "Plan a portable VM": "规划便携虚拟机", "1. The stick": "1. U盘",
    "Which USB stick (or which folder on it) will carry the VM?": "用哪个U盘（或其中哪个文件夹）来存放虚拟机？",
    "Folder for the VM": "存放虚拟机的文件夹", "Folder on the stick, e.g. /media/me/STICK/vms": "U盘上的文件夹，例如 /media/me/STICK/vms",
    "&Browse…": "浏览(&B)…", "Choose the folder for the VM": "选择存放虚拟机的文件夹",
    "2. Where must the VM run?": "2. 虚拟机要在哪里运行？",
    "Every computer that runs the VM writes to the stick, so the stick must suit all of them.":
        "每台运行虚拟机的电脑都会写入U盘，所以U盘必须适合所有这些电脑。",
    "Computers": "电脑", "This computer (%1)": "这台电脑（%1）", "Other Windows computers": "其他 Windows 电脑",
    "Other Macs": "其他 Mac 电脑", "Other Linux computers": "其他 Linux 电脑", "Hypervisors": "虚拟化软件",
    "3. The VM": "3. 虚拟机", "Carry an existing VM disk, or plan a new one.": "携带现有的虚拟机磁盘，或规划一个新的。",
    "Use an &existing disk image": "使用现有的磁盘镜像(&E)", "Plan a &new VM": "规划新的虚拟机(&N)",
    "Existing disk image": "现有的磁盘镜像", "B&rowse…": "浏览(&R)…", "Other": "其他", "&Guest OS:": "客户机系统(&G)：",
    "&Disk size:": "磁盘大小(&D)：", "&Memory:": "内存(&M)：", "Choose a disk image": "选择磁盘镜像",
    "4. Checks": "4. 检查",
    "What vmstick knows about the stick. The speed test is optional; it makes the plan's performance estimate real.":
        "vmstick 对这个U盘的了解。速度测试是可选的；运行后，方案中的性能预估将基于实测数据。",
    "&Keep the stick's current filesystem (do not reformat)": "保留U盘当前的文件系统（不重新格式化）(&K)",
    "Run the &speed test": "运行速度测试(&S)", "&Cancel test": "取消测试(&C)",
    "The speed test writes a temporary file into the chosen folder, reads it back and deletes it. Nothing else is changed.":
        "速度测试会在所选文件夹中写入一个临时文件，读回后将其删除。其他内容不会改变。",
    "5. The plan": "5. 方案", "The plan": "方案", "Commands (copy one)": "命令（复制其中一条即可）",
    "&Export plan…": "导出方案(&E)…", "Export plan": "导出方案", "Text (*.txt)": "文本 (*.txt)", "JSON (*.json)": "JSON (*.json)",
    "not known": "未知", "Folder: %1": "文件夹：%1", "Current filesystem: %1": "当前文件系统：%1", "Capacity: %1": "容量：%1",
    "Sequential read: %1": "顺序读取：%1", "Sequential write: %1": "顺序写入：%1", "No plan: %1": "无法生成方案：%1",
    "Copy": "复制", "Copy the %1 command": "复制 %1 命令", "This drive, read": "此驱动器，读取",
    "This drive, write": "此驱动器，写入", "USB 2 stick": "USB 2 U盘", "USB 3 stick": "USB 3 U盘", "SATA SSD": "SATA 固态硬盘",
    "not measured": "未测量",
    "The speed test produced no figures for this drive. Details are in the log.": "速度测试没有得到这个驱动器的测量结果。详细信息见日志。",
    "The plan could not be written:\n%1": "无法写入方案：\n%1",
}
NUMERUS = {"%n finding(s)": "%n 项检查结果", "… %n more": "… 另有 %n 项"}


def main(path):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        tr = message.find("translation")
        if tr.get("type") not in ("unfinished", None) or (tr.text or tr.findall("numerusform")) and tr.get("type") is None:
            continue
        if message.get("numerus") == "yes" and source in NUMERUS:
            for child in list(tr):
                tr.remove(child)
            form = ET.SubElement(tr, "numerusform")
            form.text = NUMERUS[source]
            tr.attrib.pop("type", None)
        elif source in ZH:
            tr.text = ZH[source]
            tr.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    for m in missing:
        print("untranslated:", repr(m))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "resources/translations/vmstick_zh_CN.ts"))
