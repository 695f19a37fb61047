using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>The review queue's tables: cases held for review and the decisions of distinct reviewer keys.</summary>
public sealed partial class PostgresFaceStore : IReviewStore
{
    private const string ReviewCaseColumns =
        "id, tenant_id, gallery_id, requester_key_id, purpose, mode, legal_basis_type, legal_basis_reference, "
        + "required_reviewers, state, result, created_at, closed_at, kind";

    public ReviewCase CreateReviewCase(NewReviewCase reviewCase)
    {
        ArgumentNullException.ThrowIfNull(reviewCase);
        RequireText(reviewCase.RequesterKeyId, "review-requester-required", "A review case needs the requesting key's id.");
        RequireText(reviewCase.Purpose, "review-purpose-required", "A review case needs the request's purpose.");
        RequireText(reviewCase.Mode, "review-mode-required", "A review case needs the request's mode.");
        RequireText(reviewCase.ResultJson, "review-result-required", "A review case needs the result it holds.");
        ArgumentOutOfRangeException.ThrowIfLessThan(reviewCase.RequiredReviewers, 1);
        if (reviewCase.Kind is not (ReviewKinds.Identify or ReviewKinds.Verify) || (reviewCase.Kind == ReviewKinds.Identify) != reviewCase.GalleryId.HasValue)
        {
            throw FaceAccordException.BadInput("review-kind-invalid",
                $"A review case holds an '{ReviewKinds.Identify}' result with its gallery or a '{ReviewKinds.Verify}' result without one, not '{reviewCase.Kind}'.");
        }

        var stored = new ReviewCase(Guid.NewGuid(), reviewCase.TenantId, reviewCase.GalleryId, reviewCase.RequesterKeyId, reviewCase.Purpose,
            reviewCase.Mode, reviewCase.LegalBasis, reviewCase.RequiredReviewers, ReviewStates.Pending, reviewCase.ResultJson, _time.GetUtcNow(), null, [],
            reviewCase.Kind);
        return Write((connection, transaction) =>
        {
            using (NpgsqlCommand owner = PgCommands.Create(connection, transaction, "SELECT 1 FROM tenants WHERE id = @tenant;"))
            {
                owner.With("@tenant", reviewCase.TenantId);
                if (owner.ExecuteScalar() is null)
                {
                    throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant {reviewCase.TenantId}.");
                }
            }

            using (NpgsqlCommand owner = PgCommands.Create(connection, transaction, "SELECT 1 FROM galleries WHERE id = @id AND tenant_id = @tenant;"))
            {
                owner.With("@id", reviewCase.GalleryId).With("@tenant", reviewCase.TenantId);
                if (reviewCase.GalleryId is not null && owner.ExecuteScalar() is null)
                {
                    throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {reviewCase.GalleryId}.");
                }
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                $"INSERT INTO review_cases ({ReviewCaseColumns}) VALUES (@id, @tenant, @gallery, @requester, @purpose, @mode, "
                + "@basis_type, @basis_reference, @required, @state, @result, @created, NULL, @kind);");
            insert.With("@id", stored.Id).With("@tenant", stored.TenantId).With("@gallery", stored.GalleryId).With("@requester", stored.RequesterKeyId)
                .With("@purpose", stored.Purpose).With("@mode", stored.Mode).With("@basis_type", stored.LegalBasis?.Type)
                .With("@basis_reference", stored.LegalBasis?.Reference).With("@required", stored.RequiredReviewers).With("@state", stored.State)
                .With("@result", stored.ResultJson).With("@created", PgCommands.ToStored(stored.CreatedAt))
                .With("@kind", stored.Kind);
            insert.ExecuteNonQuery();
            return stored;
        });
    }

    public ReviewCase? FindReviewCase(Guid tenantId, Guid caseId) => Read((connection, transaction) => ReadReviewCase(connection, transaction, tenantId, caseId));

    public IReadOnlyList<ReviewCase> ListReviewCases(Guid tenantId, string state) => Read((connection, transaction) =>
    {
        var ids = new List<Guid>();
        using (NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT id FROM review_cases WHERE tenant_id = @tenant AND state = @state ORDER BY created_at, id;"))
        {
            select.With("@tenant", tenantId).With("@state", state);
            using NpgsqlDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        return (IReadOnlyList<ReviewCase>)[.. ids.Select(id => ReadReviewCase(connection, transaction, tenantId, id)!)];
    });

    public ReviewCase RecordReviewDecision(Guid tenantId, Guid caseId, ReviewDecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        RequireText(decision.ReviewerKeyId, "reviewer-required", "A decision needs the reviewer's key id.");
        ReviewDecisionRecord.Check(decision);

        // Everything from reading the case to settling its state happens under one write lock, so concurrent
        // reviewers see each other's decisions and a case is released at most once.
        return Write((connection, transaction) =>
        {
            var current = ReadReviewCase(connection, transaction, tenantId, caseId) ?? throw ReviewCase.NotFound(caseId);
            if (string.Equals(current.RequesterKeyId, decision.ReviewerKeyId, StringComparison.Ordinal))
            {
                throw new FaceAccordException(ErrorKind.Denied, "reviewer-is-requester",
                    "The key that made the request (identification or verification) cannot review it; another person, with their own key, must.");
            }

            if (current.Decisions.Any(d => string.Equals(d.ReviewerKeyId, decision.ReviewerKeyId, StringComparison.Ordinal)))
            {
                throw FaceAccordException.BadInput("reviewer-already-decided",
                    $"Key {decision.ReviewerKeyId} already decided on review case {caseId}; a second decision by the same reviewer does not count.");
            }

            if (current.State != ReviewStates.Pending)
            {
                throw FaceAccordException.BadInput("review-closed", $"Review case {caseId} is already {current.State}.");
            }

            using (NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                "INSERT INTO review_decisions (case_id, reviewer_key_id, decision, note, at, confirmed_candidates) "
                + "VALUES (@case, @reviewer, @decision, @note, @at, @candidates);"))
            {
                insert.With("@case", caseId).With("@reviewer", decision.ReviewerKeyId).With("@decision", decision.Decision)
                    .With("@note", decision.Note).With("@candidates", ReviewDecisionRecord.StoredCandidates(decision.Candidates)).With("@at", PgCommands.ToStored(decision.At));
                insert.ExecuteNonQuery();
            }

            var decided = current with { Decisions = [.. current.Decisions, decision] };
            string state = decided.Settled();
            if (state == ReviewStates.Pending)
            {
                return decided;
            }

            using NpgsqlCommand close = PgCommands.Create(connection, transaction, "UPDATE review_cases SET state = @state, closed_at = @at WHERE id = @id;");
            close.With("@state", state).With("@at", PgCommands.ToStored(decision.At)).With("@id", caseId);
            close.ExecuteNonQuery();
            return decided with { State = state, ClosedAt = decision.At };
        });
    }

    private static ReviewCase? ReadReviewCase(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, Guid caseId)
    {
        ReviewCase found;
        using (NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            $"SELECT {ReviewCaseColumns} FROM review_cases WHERE id = @id AND tenant_id = @tenant;"))
        {
            select.With("@id", caseId).With("@tenant", tenantId);
            using NpgsqlDataReader reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            string? basisType = reader.GetNullableString(6);
            found = new ReviewCase(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetNullableGuid(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                basisType is null ? null : new LegalBasis(basisType, reader.GetNullableString(7)),
                reader.GetInt32(8),
                reader.GetString(9),
                reader.GetString(10),
                reader.GetTime(11),
                reader.GetNullableTime(12),
                [],
                reader.GetString(13));
        }

        using NpgsqlCommand decisions = PgCommands.Create(
            connection,
            transaction,
            "SELECT reviewer_key_id, decision, note, at, confirmed_candidates FROM review_decisions WHERE case_id = @id ORDER BY at, rowid;");
        decisions.With("@id", caseId);
        using NpgsqlDataReader rows = decisions.ExecuteReader();
        var list = new List<ReviewDecisionRecord>();
        while (rows.Read())
        {
            list.Add(new ReviewDecisionRecord(rows.GetString(0), rows.GetString(1), rows.GetNullableString(2), rows.GetTime(3),
                ReviewDecisionRecord.ReadCandidates(rows.GetNullableString(4))));
        }

        return found with { Decisions = list };
    }
}
