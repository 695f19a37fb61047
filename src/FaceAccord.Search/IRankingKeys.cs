namespace FaceAccord.Search;

/// <summary>Where a ranking reads keys, only to break exact ties (lower key first) so equal scores rank the same every time.</summary>
internal interface IRankingKeys
{
    long SubjectKey(int ordinal);

    long FaceKey(int id);
}
