namespace AgentRL.Learning.Tokenization;

/// <summary>The classes of characters whose runs form pre-tokenization chunks.</summary>
internal enum ChunkCategory
{
    Letter,
    Number,
    Whitespace,
    Other,
}
