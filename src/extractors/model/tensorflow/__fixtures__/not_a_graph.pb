this is plain text, not a protobuf message
