using System.Collections.Concurrent;
using FaceAccord.Search;
using FaceAccord.Storage;

namespace FaceAccord.Service.Galleries;

/// <summary>
/// The in-memory indexes of all galleries, each built from the store the first time it is needed
/// (the server builds them all at start) and dropped when its gallery is deleted. Galleries of another
/// template space (model id) get no index: this process cannot compare their templates.
/// </summary>
public sealed class GalleryIndexes(IFaceStore store, Func<int, ITemplateIndex> createIndex, string modelId, int dimensions) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<GalleryIndex>> _indexes = new();

    public int Loaded => _indexes.Count;

    /// <summary>The gallery's index, loading it from the store on first use; null for a gallery of another model.</summary>
    public GalleryIndex? For(Gallery gallery)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        if (!string.Equals(gallery.ModelId, modelId, StringComparison.Ordinal))
        {
            return null;
        }

        return _indexes.GetOrAdd(gallery.Id, _ => new Lazy<GalleryIndex>(() => Load(gallery))).Value;
    }

    /// <summary>The gallery's index if it is already built; never loads one (a deletion has nothing to remove from an index not yet built).</summary>
    public GalleryIndex? LoadedFor(Guid galleryId) =>
        _indexes.TryGetValue(galleryId, out var lazy) && lazy.IsValueCreated ? lazy.Value : null;

    /// <summary>Builds every gallery's index now, reporting (done, total) after each.</summary>
    public void LoadAll(IProgress<(int Done, int Total)>? progress = null)
    {
        var galleries = store.ListAllGalleries();
        for (int i = 0; i < galleries.Count; i++)
        {
            For(galleries[i]);
            progress?.Report((i + 1, galleries.Count));
        }
    }

    public void Forget(Guid galleryId)
    {
        if (_indexes.TryRemove(galleryId, out var lazy) && lazy.IsValueCreated)
        {
            lazy.Value.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _indexes.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }

        _indexes.Clear();
    }

    private GalleryIndex Load(Gallery gallery)
    {
        var index = new GalleryIndex(gallery, createIndex(dimensions));
        var subjects = store.ListSubjects(gallery.Id).ToDictionary(s => s.Key);
        foreach (var face in store.ReadGalleryFaces(gallery.Id))
        {
            if (subjects.TryGetValue(face.SubjectKey, out var subject))
            {
                index.Add(subject, face);
            }
        }

        return index;
    }
}
