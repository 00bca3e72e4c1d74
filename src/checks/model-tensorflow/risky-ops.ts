/** Why an op matters when a graph is loaded and run. */
export type OpRisk = 'python' | 'file' | 'network' | 'checkpoint' | 'asset-read';

const PYTHON_OPS = ['PyFunc', 'PyFuncStateless', 'EagerPyFunc'];

/** Ops that read, write, list or map files (readers, file datasets, debug dumps, summary writers). */
const FILE_OPS = `
ReadFile WriteFile MatchingFiles ImmutableConst DebugIdentity DebugIdentityV2 DebugIdentityV3 DebugNanCount DebugNumericSummary
DebugNumericSummaryV2 Copy CopyHost TextLineReader TextLineReaderV2 FixedLengthRecordReader FixedLengthRecordReaderV2 TFRecordReader
TFRecordReaderV2 WholeFileReader WholeFileReaderV2 LMDBReader IdentityReader IdentityReaderV2 ReaderRead ReaderReadV2 ReaderReadUpTo
ReaderReadUpToV2 ReaderRestoreState ReaderRestoreStateV2 ReaderSerializeState ReaderSerializeStateV2 TFRecordDataset TFRecordDatasetV2
TextLineDataset FixedLengthRecordDataset FixedLengthRecordDatasetV2 LMDBDataset ExperimentalLMDBDataset CSVDataset CSVDatasetV2
ExperimentalCSVDataset LoadDataset SaveDataset SaveDatasetV2 SnapshotDataset SnapshotDatasetV2 SnapshotDatasetReader SnapshotChunkDataset
CacheDataset CacheDatasetV2 MatchingFilesDataset ExperimentalMatchingFilesDataset DatasetToTFRecord ExperimentalDatasetToTFRecord
CreateSummaryFileWriter CreateSummaryDbWriter WriteSummary WriteRawProtoSummary WriteScalarSummary WriteHistogramSummary WriteImageSummary
WriteAudioSummary WriteGraphSummary ImportEvent FileSystemSetConfiguration
`;

/** Ops that reach other machines: databases, cloud storage configuration, remote execution. */
const NETWORK_OPS = `
SqlDataset ExperimentalSqlDataset BigQueryReader GenerateBigQueryReaderPartitions GcsConfigureCredentials GcsConfigureBlockCache
RemoteCall RemoteFusedGraphExecute DataServiceDataset DataServiceDatasetV2 DataServiceDatasetV3 DataServiceDatasetV4 RegisterDataset RegisterDatasetV2
`;

/** Checkpoint ops: normal inside the saver's name scope, a file read or write anywhere else. */
const CHECKPOINT_OPS = ['Save', 'SaveV2', 'SaveSlices', 'Restore', 'RestoreV2', 'RestoreSlice', 'MergeV2Checkpoints'];

/** Lookup tables filled from a vocabulary file, normally one of the SavedModel's assets. */
const ASSET_READ_OPS = ['InitializeTableFromTextFile', 'InitializeTableFromTextFileV2', 'InitializeTableFromDataset'];

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

const RISK_BY_OP = new Map<string, OpRisk>([
  ...PYTHON_OPS.map((op) => [op, 'python'] as const),
  ...words(FILE_OPS).map((op) => [op, 'file'] as const),
  ...words(NETWORK_OPS).map((op) => [op, 'network'] as const),
  ...CHECKPOINT_OPS.map((op) => [op, 'checkpoint'] as const),
  ...ASSET_READ_OPS.map((op) => [op, 'asset-read'] as const),
]);

/** Custom op names that say they run programs or reach the network. */
const EXECUTION_LIKE = /exec|shell|system|popen|subprocess|spawn|socket|http|url|download|upload|eval/i;

export function riskOf(op: string): OpRisk | undefined {
  return RISK_BY_OP.get(op);
}

export function looksLikeExecution(op: string): boolean {
  return EXECUTION_LIKE.test(op);
}

/** Checkpoint ops written by tf.train.Saver (`save/`, `save_1/`) or tf.saved_model (`__inference__traced_save_*`). */
const SAVER_SCOPE = /^save(_\d+)?\//;
const SAVER_FUNCTION = /^__inference__traced_(save|restore)_\d+$|^__inference_(save|restore)_fn_\d+$/;

export function inCheckpointPattern(node: { name: string; function?: string }, saverScopes: readonly string[]): boolean {
  if (node.function !== undefined) return SAVER_FUNCTION.test(node.function);
  return SAVER_SCOPE.test(node.name) || saverScopes.some((scope) => node.name.startsWith(scope));
}
