namespace FaceAccord.Storage;

/// <summary>The pragmas one store connection actually runs with, read back so tests can hold the store to them.</summary>
internal sealed record ConnectionSettings(string JournalMode, int Synchronous, bool ForeignKeys, bool SecureDelete, int BusyTimeoutMilliseconds);
