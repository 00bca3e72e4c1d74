/** What Keras itself provides: module namespaces, built-in class names, and the modules that must never load. */

/** Keras' own packages (and Google's Keras-family packages that patched Keras allows importing). */
const KERAS_ROOTS = ['keras', 'tf_keras', 'tensorflow.keras', 'tensorflow.python.keras', 'keras_hub', 'keras_nlp', 'keras_cv'];

export function isKerasModule(module: string): boolean {
  return KERAS_ROOTS.some((root) => module === root || module.startsWith(`${root}.`));
}

/** Top-level modules that run programs, evaluate code, load pickles, touch files or the network. */
const DANGEROUS_ROOTS = new Set([
  'os', 'posix', 'nt', 'subprocess', 'builtins', '__builtin__', '__builtins__', 'importlib', 'pickle', '_pickle', 'cPickle',
  'dill', 'joblib', 'marshal', 'runpy', 'shutil', 'socket', 'sys', 'ctypes', 'code', 'codeop', 'pty', 'commands',
  'webbrowser', 'urllib', 'urllib2', 'http', 'httplib', 'requests', 'ftplib', 'telnetlib', 'smtplib', 'multiprocessing',
  'asyncio', 'threading', '_thread', 'signal', 'tempfile', 'pathlib', 'io', 'operator', 'functools', 'types', 'inspect',
  'platform', 'pdb', 'timeit', 'imp', 'zipimport', 'pydoc', 'site', 'sysconfig', 'distutils', 'setuptools', 'pip',
]);

export function isDangerousModule(module: string): boolean {
  return DANGEROUS_ROOTS.has(module.split('.')[0] ?? module);
}

/** Names inside Keras that load or fetch other things; naming them in a config is an attack, not a model. */
export const DANGEROUS_KERAS_NAMES = new Set([
  'enable_unsafe_deserialization', 'get_file', 'load_model', 'load_weights', 'save_model', 'deserialize_keras_object',
  'exec', 'eval', 'system', 'popen',
]);

const LAYERS = `Activation ActivityRegularization Add AdditiveAttention AlphaDropout Attention Average AveragePooling1D
AveragePooling2D AveragePooling3D AvgPool1D AvgPool2D AvgPool3D BatchNormalization Bidirectional CategoryEncoding
CenterCrop Concatenate Conv1D Conv1DTranspose Conv2D Conv2DTranspose Conv3D Conv3DTranspose ConvLSTM1D ConvLSTM2D
ConvLSTM3D Convolution1D Convolution2D Convolution3D Cropping1D Cropping2D Cropping3D Dense DepthwiseConv1D
DepthwiseConv2D Discretization Dot Dropout ELU EinsumDense Embedding Flatten GRU GRUCell GaussianDropout GaussianNoise
GlobalAveragePooling1D GlobalAveragePooling2D GlobalAveragePooling3D GlobalAvgPool1D GlobalAvgPool2D GlobalAvgPool3D
GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D
GroupNormalization GroupQueryAttention HashedCrossing Hashing Identity Input InputLayer InputSpec IntegerLookup LSTM
LSTMCell Lambda LayerNormalization LeakyReLU Masking MaxPool1D MaxPool2D MaxPool3D MaxPooling1D MaxPooling2D
MaxPooling3D Maximum Minimum MultiHeadAttention Multiply Normalization PReLU Permute RNN RandomBrightness RandomContrast
RandomCrop RandomFlip RandomHeight RandomRotation RandomTranslation RandomWidth RandomZoom ReLU RepeatVector Rescaling
Reshape Resizing SeparableConv1D SeparableConv2D SeparableConvolution1D SeparableConvolution2D SimpleRNN SimpleRNNCell
Softmax SpatialDropout1D SpatialDropout2D SpatialDropout3D SpectralNormalization StackedRNNCells StringLookup Subtract
TextVectorization ThresholdedReLU TimeDistributed TorchModuleWrapper UnitNormalization UpSampling1D UpSampling2D
UpSampling3D Wrapper ZeroPadding1D ZeroPadding2D ZeroPadding3D TFOpLambda SlicingOpLambda CuDNNLSTM CuDNNGRU
LocallyConnected1D LocallyConnected2D AbstractRNNCell DenseFeatures SyncBatchNormalization MelSpectrogram
AutoContrast Pipeline RandAugment RandomColorDegeneration RandomColorJitter RandomGrayscale RandomHue RandomPosterization
RandomSaturation RandomSharpness RandomShear Solarization STFTSpectrogram AugMix CutMix MixUp Equalization
RandomErasing RandomGaussianBlur RandomInvert RandomPerspective RandomElasticTransform MaxNumBoundingBoxes`;

const MODELS = 'Sequential Functional Model Layer';

const OTHERS = `GlorotUniform GlorotNormal HeUniform HeNormal LecunUniform LecunNormal Zeros Ones Constant RandomUniform
RandomNormal TruncatedNormal VarianceScaling Orthogonal Identity IdentityInitializer OrthogonalInitializer
L1 L2 L1L2 OrthogonalRegularizer MaxNorm MinMaxNorm NonNeg UnitNorm RadialConstraint
Adam AdamW Adamax Adadelta Adagrad Adafactor Ftrl Lamb Lion Nadam RMSprop SGD LossScaleOptimizer
ExponentialDecay PiecewiseConstantDecay PolynomialDecay InverseTimeDecay CosineDecay CosineDecayRestarts
BinaryCrossentropy BinaryFocalCrossentropy CategoricalCrossentropy CategoricalFocalCrossentropy CategoricalHinge
CosineSimilarity Hinge Huber KLDivergence LogCosh MeanAbsoluteError MeanAbsolutePercentageError MeanSquaredError
MeanSquaredLogarithmicError Poisson SparseCategoricalCrossentropy SquaredHinge Tversky Dice CTC Circle
Accuracy AUC BinaryAccuracy BinaryIoU CategoricalAccuracy F1Score FBetaScore FalseNegatives FalsePositives IoU
Mean MeanIoU MeanMetricWrapper MeanTensor OneHotIoU OneHotMeanIoU Precision PrecisionAtRecall R2Score Recall
RecallAtPrecision RootMeanSquaredError SensitivityAtSpecificity SparseCategoricalAccuracy
SparseTopKCategoricalAccuracy SpecificityAtSensitivity Sum TopKCategoricalAccuracy TrueNegatives TruePositives
DTypePolicy FloatDTypePolicy QuantizedDTypePolicy QuantizedFloat8DTypePolicy Policy DTypePolicyMap
Container __tuple__ __bytes__ __numpy__ __tensor__ __typespec__ __slice__ __ellipsis__ __keras_tensor__ function
TensorShape TensorSpec RaggedTensorSpec SparseTensorSpec KerasTensor Node`;

/** Class names Keras resolves from its own registries (layers, models, initializers, optimizers, losses...). */
export const KNOWN_CLASSES = new Set(`${LAYERS} ${MODELS} ${OTHERS}`.split(/\s+/).filter((name) => name.length > 0));

/** Registered-name packages that are Keras' own (`keras>Foo`, `keras_hub>Bar`). */
export function isKerasPackage(name: string): boolean {
  return isKerasModule(name) || KERAS_ROOTS.some((root) => name === root.replace(/\./g, '_'));
}
