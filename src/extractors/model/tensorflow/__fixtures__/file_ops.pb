

pathConst

readReadFilepath

write	WriteFilepathread
?
printPrintV2read*'
output_streamfile:///tmp/leak.txt

steal/SaveV2SaveV2path"¿