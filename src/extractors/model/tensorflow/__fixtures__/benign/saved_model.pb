¾þ

xPlaceholder

dense/kernelVarHandleOp
;
dense/MatMul/ReadVariableOpReadVariableOpdense/kernel
6
dense/MatMulMatMulxdense/MatMul/ReadVariableOp
 

dense/ReluReludense/MatMul
 
IdentityIdentity
dense/Relu


save/ConstConst
!
save/SaveV2SaveV2
save/Const
'
save/RestoreV2	RestoreV2
save/Const
-
save/MergeV2CheckpointsMergeV2Checkpointsþ
™

__inference__traced_save_42

StringJoin
StringJoin"
ShardedFilenameShardedFilename
SaveV2SaveV2(
MergeV2CheckpointsMergeV2Checkpoints
`
 
__inference__traced_restore_57
	RestoreV2	RestoreV2$
AssignVariableOpAssignVariableOp"¿;
save/Const:0save/control_dependency:0save/restore_all