// GET /api/openapi.json — the API description (public, holds no data).
import { openApiDocument } from '@/lib/api/openapi';

export function GET() {
  return Response.json(openApiDocument());
}
