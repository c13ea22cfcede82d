-- Functions the embedded engine refused at sync (invalid config), with the reason
CREATE TABLE "EngineRefusedFunction" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "refusedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineRefusedFunction_pkey" PRIMARY KEY ("id")
);
