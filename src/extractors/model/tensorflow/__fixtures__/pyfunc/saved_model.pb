—”
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
%
badPyFuncx*
token
pyfunc_0"¿