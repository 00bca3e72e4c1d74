

xPlaceholder

runShellExecutex

mysteryMyCustomKernelx"¿