-- CreateTable
CREATE TABLE "AddressRateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AddressRateLimit_pkey" PRIMARY KEY ("key","windowStart")
);
