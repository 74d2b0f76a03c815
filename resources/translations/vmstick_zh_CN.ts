<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FactsView</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>CPU vendor</source>
        <translation>CPU 厂商</translation>
    </message>
    <message>
        <source>CPU model</source>
        <translation>CPU 型号</translation>
    </message>
    <message>
        <source>CPU flags</source>
        <translation>CPU 特性标志</translation>
    </message>
    <message>
        <source>Logical CPUs</source>
        <translation>逻辑 CPU 数</translation>
    </message>
    <message>
        <source>Hardware virtualization</source>
        <translation>硬件虚拟化</translation>
    </message>
    <message>
        <source>Running inside a VM</source>
        <translation>运行在虚拟机中</translation>
    </message>
    <message>
        <source>Installed hypervisors</source>
        <translation>已安装的虚拟化软件</translation>
    </message>
    <message>
        <source>Holding VT-x/AMD-V</source>
        <translation>占用 VT-x/AMD-V 的程序</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Removable</source>
        <translation>可移动</translation>
    </message>
    <message>
        <source>USB link speed</source>
        <translation>USB 连接速度</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>Filesystem</source>
        <translation>文件系统</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Mounted at</source>
        <translation>挂载位置</translation>
    </message>
    <message>
        <source>Free space</source>
        <translation>可用空间</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Virtual size</source>
        <translation>虚拟大小</translation>
    </message>
    <message>
        <source>Tested folder</source>
        <translation>测试的文件夹</translation>
    </message>
    <message>
        <source>Sequential read</source>
        <translation>顺序读取</translation>
    </message>
    <message>
        <source>Sequential write</source>
        <translation>顺序写入</translation>
    </message>
    <message>
        <source>Unknown — %1</source>
        <translation>未知 — %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>vmstick</source>
        <translation>vmstick</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>Facts about this computer</source>
        <translation>这台电脑的信息</translation>
    </message>
    <message>
        <source>Fact</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>USB stick</source>
        <translation>U盘</translation>
    </message>
    <message>
        <source>Plug in a USB stick or choose a folder.</source>
        <translation>请插入U盘，或选择一个文件夹。</translation>
    </message>
    <message>
        <source>Drives</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Facts about the selected drive</source>
        <translation>所选驱动器的信息</translation>
    </message>
    <message>
        <source>Choose &amp;folder…</source>
        <translation>选择文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Run &amp;speed test…</source>
        <translation>运行速度测试(&amp;S)…</translation>
    </message>
    <message>
        <source>Speed test progress</source>
        <translation>速度测试进度</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Measured speed</source>
        <translation>测得的速度</translation>
    </message>
    <message>
        <source>VM image</source>
        <translation>虚拟机镜像</translation>
    </message>
    <message>
        <source>Choose &amp;VM…</source>
        <translation>选择虚拟机(&amp;V)…</translation>
    </message>
    <message>
        <source>Or drop a VM folder, .vbox, .vmx or disk image on this window.</source>
        <translation>也可以把虚拟机文件夹、.vbox、.vmx 或磁盘镜像拖到这个窗口上。</translation>
    </message>
    <message>
        <source>Facts about the VM image</source>
        <translation>虚拟机镜像的信息</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Result per area</source>
        <translation>各方面的结果</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>方面</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>检查进度</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Finding details</source>
        <translation>检查项详情</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <source>Copy &amp;fix</source>
        <translation>复制解决方法(&amp;F)</translation>
    </message>
    <message>
        <source>Copy s&amp;ummary</source>
        <translation>复制摘要(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Plan a portable VM…</source>
        <translation>规划便携虚拟机(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Open &amp;log</source>
        <translation>打开日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>跟随系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>Score and expected boot time</source>
        <translation>评分与预计启动时间</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Your hypervisors</source>
        <translation>已安装的虚拟机软件</translation>
    </message>
    <message>
        <source>Speed test results</source>
        <translation>速度测试结果</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>阻碍</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>解决方法</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>vmstick has to stop because of an internal error:
%1

The log has the details:
%2</source>
        <translation>vmstick 因内部错误必须退出：
%1

详细信息见日志：
%2</translation>
    </message>
</context>
<context>
    <name>vmstick::gui::CheckRunner</name>
    <message>
        <source>The check stopped with an unexpected error.</source>
        <translation>检查因意外错误而中止。</translation>
    </message>
</context>
<context>
    <name>vmstick::gui::MainWindow</name>
    <message>
        <source>Virtualization</source>
        <translation>虚拟化</translation>
    </message>
    <message>
        <source>Hypervisor conflicts</source>
        <translation>虚拟化软件冲突</translation>
    </message>
    <message>
        <source>USB link</source>
        <translation>USB 连接</translation>
    </message>
    <message>
        <source>Filesystem and layout</source>
        <translation>文件系统与分区布局</translation>
    </message>
    <message>
        <source>Storage speed</source>
        <translation>存储速度</translation>
    </message>
    <message>
        <source>VM image</source>
        <translation>虚拟机镜像</translation>
    </message>
    <message>
        <source>Measuring the drive's speed…</source>
        <translation>正在测量驱动器速度…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Speed test</source>
        <translation>速度测试</translation>
    </message>
    <message>
        <source>Choose the USB stick (or a folder on it) first: the speed test measures the drive you select.</source>
        <translation>请先选择U盘（或其中的文件夹）：速度测试测量的是您所选的驱动器。</translation>
    </message>
    <message>
        <source>Run the speed test?</source>
        <translation>运行速度测试？</translation>
    </message>
    <message>
        <source>The speed test writes a temporary test file into
%1
reads it back and deletes it. Nothing else on the drive is changed. It can take a minute; you can cancel at any time.</source>
        <translation>速度测试会在
%1
中写入一个临时测试文件，读回后将其删除。驱动器上的其他内容不会改变。测试可能需要一分钟左右，您可以随时取消。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>（没有日志文件）</translation>
    </message>
    <message>
        <source>The check failed.</source>
        <translation>检查失败。</translation>
    </message>
    <message>
        <source>vmstick</source>
        <translation>vmstick</translation>
    </message>
    <message>
        <source>The check stopped with an error:
%1

Details are in the log:
%2</source>
        <translation>检查因错误而中止：
%1

详细信息见日志：
%2</translation>
    </message>
    <message>
        <source>Or drop a VM folder, .vbox, .vmx or disk image on this window.</source>
        <translation>也可以把虚拟机文件夹、.vbox、.vmx 或磁盘镜像拖到这个窗口上。</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>没有发现问题。</translation>
    </message>
    <message>
        <source>Some things need attention.</source>
        <translation>有些地方需要注意。</translation>
    </message>
    <message>
        <source>A VM cannot run well here until the problems below are fixed.</source>
        <translation>在解决下列问题之前，虚拟机无法在这里良好运行。</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n 项检查结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a VM image, VM configuration or VM folder</source>
        <translation>选择虚拟机镜像、虚拟机配置文件或虚拟机文件夹</translation>
    </message>
    <message>
        <source>Choose the USB stick or a folder on it</source>
        <translation>选择U盘或其中的文件夹</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>JSON 报告 (*.json)</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>The report could not be written:
%1</source>
        <translation>无法写入报告：
%1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>Summary copied.</source>
        <translation>摘要已复制。</translation>
    </message>
    <message>
        <source>Fix copied.</source>
        <translation>解决方法已复制。</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>打开日志</translation>
    </message>
    <message>
        <source>There is no log file; the log panel shows this session.</source>
        <translation>没有日志文件；日志面板显示本次运行的日志。</translation>
    </message>
    <message>
        <source>The speed test produced no figures for this drive. Details are in the log.</source>
        <translation>速度测试没有得到这个驱动器的测量结果。详细信息见日志。</translation>
    </message>
</context>
<context>
    <name>vmstick::gui::PlanWizard</name>
    <message>
        <source>Plan a portable VM</source>
        <translation>规划便携虚拟机</translation>
    </message>
    <message>
        <source>1. The stick</source>
        <translation>1. U盘</translation>
    </message>
    <message>
        <source>Which USB stick (or which folder on it) will carry the VM?</source>
        <translation>用哪个U盘（或其中哪个文件夹）来存放虚拟机？</translation>
    </message>
    <message>
        <source>Drives</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder for the VM</source>
        <translation>存放虚拟机的文件夹</translation>
    </message>
    <message>
        <source>Folder on the stick, e.g. /media/me/STICK/vms</source>
        <translation>U盘上的文件夹，例如 /media/me/STICK/vms</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the folder for the VM</source>
        <translation>选择存放虚拟机的文件夹</translation>
    </message>
    <message>
        <source>2. Where must the VM run?</source>
        <translation>2. 虚拟机要在哪里运行？</translation>
    </message>
    <message>
        <source>Every computer that runs the VM writes to the stick, so the stick must suit all of them.</source>
        <translation>每台运行虚拟机的电脑都会写入U盘，所以U盘必须适合所有这些电脑。</translation>
    </message>
    <message>
        <source>Computers</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>This computer (%1)</source>
        <translation>这台电脑（%1）</translation>
    </message>
    <message>
        <source>Other Windows computers</source>
        <translation>其他 Windows 电脑</translation>
    </message>
    <message>
        <source>Other Macs</source>
        <translation>其他 Mac 电脑</translation>
    </message>
    <message>
        <source>Other Linux computers</source>
        <translation>其他 Linux 电脑</translation>
    </message>
    <message>
        <source>Hypervisors</source>
        <translation>虚拟化软件</translation>
    </message>
    <message>
        <source>3. The VM</source>
        <translation>3. 虚拟机</translation>
    </message>
    <message>
        <source>Carry an existing VM disk, or plan a new one.</source>
        <translation>携带现有的虚拟机磁盘，或规划一个新的。</translation>
    </message>
    <message>
        <source>Use an &amp;existing disk image</source>
        <translation>使用现有的磁盘镜像(&amp;E)</translation>
    </message>
    <message>
        <source>Plan a &amp;new VM</source>
        <translation>规划新的虚拟机(&amp;N)</translation>
    </message>
    <message>
        <source>Existing disk image</source>
        <translation>现有的磁盘镜像</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>&amp;Guest OS:</source>
        <translation>客户机系统(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Disk size:</source>
        <translation>磁盘大小(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>内存(&amp;M)：</translation>
    </message>
    <message>
        <source>Choose a disk image</source>
        <translation>选择磁盘镜像</translation>
    </message>
    <message>
        <source>4. Checks</source>
        <translation>4. 检查</translation>
    </message>
    <message>
        <source>What vmstick knows about the stick. The speed test is optional; it makes the plan's performance estimate real.</source>
        <translation>vmstick 对这个U盘的了解。速度测试是可选的；运行后，方案中的性能预估将基于实测数据。</translation>
    </message>
    <message>
        <source>&amp;Keep the stick's current filesystem (do not reformat)</source>
        <translation>保留U盘当前的文件系统（不重新格式化）(&amp;K)</translation>
    </message>
    <message>
        <source>Run the &amp;speed test</source>
        <translation>运行速度测试(&amp;S)</translation>
    </message>
    <message>
        <source>Speed test progress</source>
        <translation>速度测试进度</translation>
    </message>
    <message>
        <source>&amp;Cancel test</source>
        <translation>取消测试(&amp;C)</translation>
    </message>
    <message>
        <source>The speed test writes a temporary file into the chosen folder, reads it back and deletes it. Nothing else is changed.</source>
        <translation>速度测试会在所选文件夹中写入一个临时文件，读回后将其删除。其他内容不会改变。</translation>
    </message>
    <message>
        <source>5. The plan</source>
        <translation>5. 方案</translation>
    </message>
    <message>
        <source>The plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Commands (copy one)</source>
        <translation>命令（复制其中一条即可）</translation>
    </message>
    <message>
        <source>&amp;Export plan…</source>
        <translation>导出方案(&amp;E)…</translation>
    </message>
    <message>
        <source>Export plan</source>
        <translation>导出方案</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Current filesystem: %1</source>
        <translation>当前文件系统：%1</translation>
    </message>
    <message>
        <source>Capacity: %1</source>
        <translation>容量：%1</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <source>Sequential read: %1</source>
        <translation>顺序读取：%1</translation>
    </message>
    <message>
        <source>Sequential write: %1</source>
        <translation>顺序写入：%1</translation>
    </message>
    <message>
        <source>No plan: %1</source>
        <translation>无法生成方案：%1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the %1 command</source>
        <translation>复制 %1 命令</translation>
    </message>
    <message>
        <source>The plan could not be written:
%1</source>
        <translation>无法写入方案：
%1</translation>
    </message>
    <message>
        <source>HTML report with the plan (*.html)</source>
        <translation>含方案的 HTML 报告 (*.html)</translation>
    </message>
</context>
<context>
    <name>vmstick::gui::SpeedBars</name>
    <message>
        <source>This drive, read</source>
        <translation>此驱动器，读取</translation>
    </message>
    <message>
        <source>This drive, write</source>
        <translation>此驱动器，写入</translation>
    </message>
    <message>
        <source>USB 2 stick</source>
        <translation>USB 2 U盘</translation>
    </message>
    <message>
        <source>USB 3 stick</source>
        <translation>USB 3 U盘</translation>
    </message>
    <message>
        <source>SATA SSD</source>
        <translation>SATA 固态硬盘</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
</context>
</TS>