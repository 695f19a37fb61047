namespace FaceAccord.Service.Retention;

/// <summary>What one sweep deleted, so an operator (and the server's log) can see retention being carried out.</summary>
public sealed record RetentionSweep(DateTimeOffset AsOf, int Subjects, int Faces, int Galleries);
