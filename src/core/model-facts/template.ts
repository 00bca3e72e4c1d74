/** What the chat-template analysis records about one Jinja template (filled in by model/chat-template). */
export interface TemplateFacts {
  placeholder?: never;
}
