/**
 * TensorFlow ops that only compute on tensors: math, neural-network, array, control-flow, variable, string,
 * image and optimizer ops of the standard registry. Anything here is clean. Ops that reach files, processes,
 * Python or the network are in risky-ops.ts, and ops in neither list are reported as unknown.
 */
const PLAIN_OPS = `
Abs Acos Acosh Add AddN AddV2 AdjustContrastv2 AdjustHue AdjustSaturation All Angle Any ApproximateEqual ArgMax ArgMin
AsString Asin Asinh Assert Assign AssignAdd AssignAddVariableOp AssignSub AssignSubVariableOp AssignVariableOp Atan Atan2
Atanh AudioSpectrogram AvgPool AvgPool3D AvgPool3DGrad AvgPoolGrad BatchMatMul BatchMatMulV2 BatchMatMulV3 BatchNormWithGlobalNormalization
BatchToSpace BatchToSpaceND BesselI0e BesselI1e Betainc BiasAdd BiasAddGrad BiasAddV1 Bincount Bitcast BitwiseAnd BitwiseOr
BitwiseXor BroadcastArgs BroadcastGradientArgs BroadcastTo Bucketize Case Cast Ceil CheckNumerics CheckNumericsV2 Cholesky
ClipByValue CombinedNonMaxSuppression Complex ComplexAbs Concat ConcatOffset ConcatV2 Conj ConjugateTranspose Const
ControlTrigger Conv Conv2D Conv2DBackpropFilter Conv2DBackpropInput Conv3D Conv3DBackpropFilterV2 Conv3DBackpropInputV2 Cos Cosh
CropAndResize Cross CudnnRNN CudnnRNNBackprop CudnnRNNBackpropV3 CudnnRNNCanonicalToParams CudnnRNNParamsSize CudnnRNNParamsToCanonical CudnnRNNV2 CudnnRNNV3
Cumprod Cumsum CumulativeLogsumexp DataFormatDimMap DataFormatVecPermute DecodeBase64 DecodeBmp DecodeCSV DecodeCompressed
DecodeGif DecodeImage DecodeJSONExample DecodeJpeg DecodePaddedRaw DecodePng DecodeRaw DecodeWav DeepCopy DeleteSessionTensor
DenseBincount DenseToDenseSetOperation DenseToSparseSetOperation DepthToSpace DepthwiseConv2dNative DepthwiseConv2dNativeBackpropFilter
DepthwiseConv2dNativeBackpropInput Dequantize DestroyResourceOp DestroyTemporaryVariable Diag DiagPart Digamma Dilation2D Div DivNoNan
DrawBoundingBoxes DrawBoundingBoxesV2 DynamicPartition DynamicStitch EditDistance Einsum Elu EluGrad Empty EmptyTensorList
EncodeBase64 EncodeJpeg EncodePng EncodeWav EnsureShape Enter Equal Erf Erfc Erfinv EuclideanNorm Exit Exp ExpandDims Expm1
ExtractGlimpse ExtractGlimpseV2 ExtractImagePatches ExtractJpegShape ExtractVolumePatches FFT FFT2D FFT3D FIFOQueue FIFOQueueV2
Fact FakeParam FakeQuantWithMinMaxArgs FakeQuantWithMinMaxVars FakeQuantWithMinMaxVarsPerChannel Fill Fingerprint Floor FloorDiv
FloorMod FractionalAvgPool FractionalMaxPool FusedBatchNorm FusedBatchNormGrad FusedBatchNormGradV2 FusedBatchNormGradV3 FusedBatchNormV2
FusedBatchNormV3 FusedPadConv2D FusedResizeAndPadConv2D Gather GatherNd GatherV2 GetSessionHandle GetSessionHandleV2 GetSessionTensor
Greater GreaterEqual GuaranteeConst HSVToRGB HashTable HashTableV2 HistogramFixedWidth HistogramSummary IFFT IFFT2D IFFT3D IRFFT
IRFFT2D IRFFT3D Identity IdentityN If Igamma IgammaGradA Igammac Imag ImageProjectiveTransformV2 ImageProjectiveTransformV3 ImageSummary
InTopK InTopKV2 InitializeTable InitializeTableV2 InitializeTableFromTensor InplaceAdd InplaceSub InplaceUpdate Inv InvGrad Invert InvertPermutation
IsFinite IsInf IsNan IsVariableInitialized IsotonicRegression L2Loss LRN LRNGrad LeakyRelu LeakyReluGrad LeftShift Less LessEqual
Lgamma LinSpace ListDiff Log Log1p LogMatrixDeterminant LogSoftmax LogicalAnd LogicalNot LogicalOr LookupTableExport LookupTableExportV2
LookupTableFind LookupTableFindV2 LookupTableImport LookupTableImportV2 LookupTableInsert LookupTableInsertV2 LookupTableRemoveV2 LookupTableSize
LookupTableSizeV2 LoopCond LowerBound Lu MakeUnique MatMul MatrixBandPart MatrixDeterminant MatrixDiag MatrixDiagPart MatrixDiagPartV2
MatrixDiagPartV3 MatrixDiagV2 MatrixDiagV3 MatrixExponential MatrixInverse MatrixLogarithm MatrixSetDiag MatrixSetDiagV2 MatrixSetDiagV3
MatrixSolve MatrixSolveLs MatrixSquareRoot MatrixTriangularSolve Max MaxPool MaxPool3D MaxPool3DGrad MaxPoolGrad MaxPoolGradGrad
MaxPoolGradGradV2 MaxPoolGradV2 MaxPoolGradWithArgmax MaxPoolV2 MaxPoolWithArgmax Maximum Mean Merge MergeSummary Mfcc Min Minimum
MirrorPad MirrorPadGrad Mod Mul MulNoNan Multinomial MutableDenseHashTable MutableDenseHashTableV2 MutableHashTable MutableHashTableOfTensors
MutableHashTableOfTensorsV2 MutableHashTableV2 Ndtri Neg NextAfter NextIteration NoOp NonDeterministicInts NonMaxSuppression NonMaxSuppressionV2
NonMaxSuppressionV3 NonMaxSuppressionV4 NonMaxSuppressionV5 NonMaxSuppressionWithOverlaps NotEqual NthElement OneHot OnesLike OptionalFromValue
OptionalGetValue OptionalHasValue OptionalNone Pack Pad PadV2 PaddingFIFOQueue PaddingFIFOQueueV2 ParallelConcat ParallelDynamicStitch
ParameterizedTruncatedNormal PartitionedCall Placeholder PlaceholderV2 PlaceholderWithDefault Polygamma PopulationCount Pow PreventGradient
Print PrintV2 DecodeProtoV2 EncodeProto Prod Qr QueueClose QueueCloseV2 QueueDequeue QueueDequeueMany QueueDequeueManyV2 QueueDequeueUpTo QueueDequeueUpToV2 QueueDequeueV2
QueueEnqueue QueueEnqueueMany QueueEnqueueManyV2 QueueEnqueueV2 QueueIsClosed QueueIsClosedV2 QueueSize QueueSizeV2 RFFT RFFT2D RFFT3D
RGBToHSV RaggedGather RaggedRange RaggedTensorFromVariant RaggedTensorToSparse RaggedTensorToTensor RaggedTensorToVariant Range Rank
ReadVariableOp Real RealDiv Reciprocal ReciprocalGrad RefEnter RefExit RefIdentity RefMerge RefNextIteration RefSelect RefSwitch
RegexFullMatch RegexReplace Relu Relu6 Relu6Grad ReluGrad RequantizationRange Requantize Reshape ResizeArea ResizeBicubic ResizeBicubicGrad
ResizeBilinear ResizeBilinearGrad ResizeNearestNeighbor ResizeNearestNeighborGrad ResourceGather ResourceGatherNd ResourceScatterAdd
ResourceScatterDiv ResourceScatterMax ResourceScatterMin ResourceScatterMul ResourceScatterNdAdd ResourceScatterNdSub ResourceScatterNdUpdate
ResourceScatterSub ResourceScatterUpdate ResourceStridedSliceAssign Reverse ReverseSequence ReverseV2 RightShift Rint Roll Round Rsqrt
RsqrtGrad SampleDistortedBoundingBox SampleDistortedBoundingBoxV2 ScalarSummary ScaleAndTranslate ScatterAdd ScatterDiv ScatterMax
ScatterMin ScatterMul ScatterNd ScatterNdAdd ScatterNdNonAliasingAdd ScatterNdSub ScatterNdUpdate ScatterSub ScatterUpdate SearchSorted
Select SelectV2 SelfAdjointEig SelfAdjointEigV2 Selu SeluGrad Shape ShapeN ShardedFilename ShardedFilespec Sigmoid SigmoidGrad Sign Sin Sinh Size Slice
Snapshot Softmax SoftmaxCrossEntropyWithLogits Softplus SoftplusGrad Softsign SoftsignGrad SpaceToBatch SpaceToBatchND SpaceToDepth
SparseSoftmaxCrossEntropyWithLogits SparseToDense Split SplitV Sqrt SqrtGrad Square SquaredDifference Squeeze Stack StackClose StackCloseV2
StackPop StackPopV2 StackPush StackPushV2 StackV2 StatefulPartitionedCall StatelessCase StatelessIf StatelessWhile StaticRegexFullMatch
StaticRegexReplace StopGradient StridedSlice StridedSliceAssign StridedSliceGrad StringFormat StringJoin StringLength StringLower StringNGrams
StringSplit StringSplitV2 StringStrip StringToHashBucket StringToHashBucketFast StringToHashBucketStrong StringToNumber StringUpper Sub Substr
Sum Svd Switch SymbolicGradient Tan Tanh TanhGrad TemporaryVariable TensorScatterAdd TensorScatterMax TensorScatterMin TensorScatterSub
TensorScatterUpdate TensorStridedSliceUpdate Tile TileGrad Timestamp TopK TopKV2 Transpose TridiagonalMatMul TridiagonalSolve TruncateDiv
TruncateMod TruncatedNormal Unbatch UnicodeDecode UnicodeDecodeWithOffsets UnicodeEncode UnicodeScript UnicodeTranscode UniformCandidateSampler
Unique UniqueV2 UniqueWithCounts UniqueWithCountsV2 Unpack UnravelIndex UnsortedSegmentMax UnsortedSegmentMin UnsortedSegmentProd
UnsortedSegmentSum UpperBound VarHandleOp VarIsInitializedOp Variable VariableShape VariableV2 Where While Xdivy Xlog1py Xlogy ZerosLike Zeta
_Arg _Retval _DeviceArg _DeviceRetval _FusedBatchNormEx _FusedConv2D _FusedDepthwiseConv2dNative _FusedMatMul _Recv _Send _HostRecv _HostSend
_ReadVariablesOp _VarHandlesOp _If _While _SwitchN _ListToArray _ArrayToList Relu6 SparseAdd SparseConcat SparseFillEmptyRows SparseReshape
SparseSegmentMean SparseSegmentSqrtN SparseSegmentSum SparseSlice SparseSplit SparseTensorDenseMatMul SparseReduceSum SparseMatMul
SparseTensorDenseAdd SparseReorder SparseCross SparseCrossHashed SparseCrossV2 SparseFillEmptyRowsGrad SparseToSparseSetOperation SetSize
SegmentMax SegmentMean SegmentMin SegmentProd SegmentSum AnonymousIteratorV2 AnonymousIteratorV3 DeleteIterator IteratorV2 IteratorGetNext
IteratorGetNextSync IteratorGetNextAsOptional IteratorToStringHandle IteratorFromStringHandleV2 MakeIterator OneShotIterator DatasetToSingleElement
ReduceDataset ModelDataset OptimizeDataset OptimizeDatasetV2 TensorDataset TensorSliceDataset RangeDataset MapDataset ParallelMapDataset
ParallelMapDatasetV2 BatchDataset BatchDatasetV2 PaddedBatchDataset PaddedBatchDatasetV2 PrefetchDataset ShuffleDataset ShuffleDatasetV2
ShuffleDatasetV3 RepeatDataset FilterDataset FlatMapDataset InterleaveDataset ParallelInterleaveDatasetV4 TakeDataset SkipDataset ZipDataset
ConcatenateDataset OptionsDataset MapAndBatchDataset WindowDataset UnbatchDataset ShardDataset
`;

export const KNOWN_PLAIN_OPS: ReadonlySet<string> = new Set(PLAIN_OPS.split(/\s+/).filter((op) => op.length > 0));

/**
 * Op families of the standard registry that compute only (optimizer updates, random numbers, quantized
 * kernels, tensor lists and arrays, collectives, TPU and XLA kernels). Matched by prefix.
 */
const PLAIN_PREFIXES = [
  'Apply', 'ResourceApply', 'SparseApply', 'ResourceSparseApply', 'Random', 'StatelessRandom', 'StatelessTruncated', 'StatelessMultinomial',
  'StatefulRandom', 'StatefulStandard', 'StatefulUniform', 'StatefulTruncated', 'RngSkip', 'RngReadAndSkip', 'Quantize', 'Quantized', '_Quantized',
  'TensorArray', 'TensorList', 'TensorMap', 'Collective', 'NcclAll', 'Xla', '_Xla', 'TPU', '_TPU', 'Tpu', 'Ragged', 'Sparse', 'Segment', 'Unsorted',
  'Batch', 'Unbatch', 'Boosted', 'Mkl', '_Mkl', 'Cudnn', 'Fused', 'Resize', 'Conv', 'Depthwise', 'Matrix', 'Linalg', 'Lookup', 'Initialize', 'Stateless',
  'Anonymous', 'Optional', 'Iterator', 'Experimental',
];

/** Dataset transformations (`MapDataset`, `ParallelBatchDatasetV2`...); the file-reading ones are risky ops. */
const DATASET_OP = /^[A-Z][A-Za-z0-9]*Dataset(V\d+)?$/;

export function isKnownPlainOp(op: string): boolean {
  return KNOWN_PLAIN_OPS.has(op) || DATASET_OP.test(op) || PLAIN_PREFIXES.some((prefix) => op.startsWith(prefix));
}
