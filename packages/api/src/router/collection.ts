import type { TRPCRouterRecord } from "@trpc/server";
import { deleteCollection, DeleteCollectionInput } from "../services/collection/delete";
import { exportCollection, ExportCollectionInput } from "../services/collection/export";
import { getCollection, GetCollectionInput } from "../services/collection/get";
import { importCollection, ImportCollectionInput } from "../services/collection/import";
import { listCollections } from "../services/collection/list";
import { createCollection, CreateCollectionInput, saveCollection, SaveCollectionInput } from "../services/collection/save";
import { workspaceProcedure } from "../trpc";

export const collectionRouter = {
  list: workspaceProcedure("viewer").query(({ ctx }) => listCollections(ctx.db, ctx.scope, ctx.workspace)),
  get: workspaceProcedure("viewer")
    .input(GetCollectionInput)
    .query(({ ctx, input }) => getCollection(ctx.db, ctx.scope, ctx.workspace, input)),
  export: workspaceProcedure("viewer")
    .input(ExportCollectionInput)
    .query(({ ctx, input }) => exportCollection(ctx.db, ctx.scope, ctx.workspace, input)),
  import: workspaceProcedure("editor")
    .input(ImportCollectionInput)
    .mutation(({ ctx, input }) => importCollection(ctx.db, ctx.scope, ctx.workspace, input)),
  create: workspaceProcedure("editor")
    .input(CreateCollectionInput)
    .mutation(({ ctx, input }) => createCollection(ctx.db, ctx.scope, ctx.workspace, input)),
  save: workspaceProcedure("editor")
    .input(SaveCollectionInput)
    .mutation(({ ctx, input }) => saveCollection(ctx.db, ctx.scope, ctx.workspace, input)),
  delete: workspaceProcedure("editor")
    .input(DeleteCollectionInput)
    .mutation(({ ctx, input }) => deleteCollection(ctx.db, ctx.scope, ctx.workspace, input)),
} satisfies TRPCRouterRecord;
