namespace FaceAccord.Core;

/// <summary>How an error reaches the edge: decides the CLI exit code and the HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The caller sent something unusable (exit code 2, HTTP 400-class).</summary>
    BadInput,
    /// <summary>A named thing does not exist (exit code 2, HTTP 404).</summary>
    NotFound,
    /// <summary>A policy refused the operation (exit code 3, HTTP 403).</summary>
    Denied,
    /// <summary>The environment is missing something we need: npm, disk space, a model (exit code 1).</summary>
    Environment,
    /// <summary>A bug or an unexpected failure inside FaceAccord (exit code 1, HTTP 500).</summary>
    Internal,
}
