Á¾
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
dense/ReluO
M

__inference_call_75
inner/EagerPyFuncEagerPyFunc*
token
pyfunc_3"¿